using MentionWatch.Teacher;

// Experiment console (docs/teacher-experiment.md): embeds TSV texts with MiniLM, then trains
// and applies a logistic-regression teacher on the cached embeddings.
return args.FirstOrDefault() switch
{
    "embed" => EmbedCommand.Run(args[1..]),
    "teach" => TeachCommand.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: embed IN.tsv OUT.bin [--limit N] [--seed S] | teach --train T.bin --val V.bin [--pseudo P.bin --out P.tsv --min-prob X]");
    return 2;
}
