using System.CommandLine;
using MentionWatch.Teacher;

// Training-time tool (docs/teacher.md): embeds TSV texts with MiniLM, then trains a teacher on the embeddings of the
// labelled rows and writes its labels for transfer texts as a label overlay the sentiment training reads.
var root = new RootCommand("mentionwatch-teacher: label English transfer texts for the sentiment model with a sentence-embedding teacher")
{
    EmbedCommand.Create(),
    TeachCommand.Create(),
    LaneCommand.Create(),
};
return TeacherErrors.Run(() => root.Parse(args).Invoke());
