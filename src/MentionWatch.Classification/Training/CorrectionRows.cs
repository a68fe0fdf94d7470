namespace MentionWatch.Classification.Training;

/// <summary>
/// Label corrections as <c>GET /api/v1/corrections?format=tsv</c> exports them (text, label, task): the rows of one task,
/// each at a loss weight, for <c>mentionwatch train --corrections</c>.
/// </summary>
internal static class CorrectionRows
{
    public const string TaskColumn = "task";

    public static List<LabeledText> Read(IReadOnlyList<string> files, string task, float weight)
    {
        if (!(weight > 0 && weight <= 100)) throw new ArgumentException($"--corrections-weight must be in (0, 100], got {weight}");
        var labels = Tasks.LabelsOf(task);
        var rows = new List<LabeledText>();
        foreach (var file in files)
        {
            // An export without the task column would mix both tasks' labels: refuse it rather than guess.
            using (var reader = new StreamReader(file.Length > 0 && File.Exists(file) ? file : throw new DataFormatException($"{file}: file not found")))
                if (!(reader.ReadLine() ?? "").TrimEnd('\r').Split('\t').Contains(TaskColumn))
                    throw new DataFormatException($"{file}:1: a corrections file needs a '{TaskColumn}' column (GET /api/v1/corrections?format=tsv writes it)");
            rows.AddRange(TsvReader.Read(file, labels, $"{TaskColumn}={task}", allowEmpty: true).Select(r => r with { Weight = weight }));
        }
        return rows;
    }
}
