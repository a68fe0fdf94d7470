namespace MentionWatch.Classification.Training;

/// <summary>
/// Reads TSV files with a header row holding at least `text` and `label` columns. A file labelled for both tasks at
/// once (columns `sentiment` and `needs_reply`, like the brand-support files) has no `label` column: the column
/// named after the task whose labels are asked for is read instead, so one file can train both models.
/// </summary>
internal static class TsvReader
{
    /// <summary>Opens the file and reads its header row; the reader stands on the first data line.</summary>
    private static StreamReader Open(string path, out string[] columns)
    {
        if (!File.Exists(path)) throw new DataFormatException($"{path}: file not found");
        var reader = new StreamReader(path);
        string? header = reader.ReadLine();
        if (string.IsNullOrWhiteSpace(header))
        {
            reader.Dispose();
            throw new DataFormatException($"{path}:1: file is empty (expected a header row with 'text' and 'label')");
        }
        columns = header.TrimEnd('\r').Split('\t');
        return reader;
    }

    /// <summary>The trimmed texts of a TSV file with a `text` column, whatever its labels.</summary>
    public static IEnumerable<string> Texts(string path) => TextRows(path).Select(r => r.Text);

    /// <summary>Each data line's number and trimmed `text` field, whatever the file's labels.</summary>
    public static List<(int Line, string Text)> TextRows(string path)
    {
        var rows = Columns(path, out var columns);
        int textColumn = Array.IndexOf(columns, "text");
        if (textColumn < 0) throw new DataFormatException($"{path}:1: header must have a 'text' column, found '{string.Join("', '", columns)}'");
        return rows.Where(r => r.Fields.Length > textColumn).Select(r => (r.Line, r.Fields[textColumn].Trim())).ToList();
    }

    /// <summary>The header's columns and every non-empty data line split on tabs, with its line number.</summary>
    public static List<(int Line, string[] Fields)> Columns(string path, out string[] columns)
    {
        using var reader = Open(path, out columns);
        var rows = new List<(int, string[])>();
        int lineNumber = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            line = line.TrimEnd('\r');
            if (line.Length > 0) rows.Add((lineNumber, line.Split('\t')));
        }
        return rows;
    }

    /// <param name="where">optional "column=value": only rows whose column holds that value (e.g. source=twitter); a file without the column is read whole.</param>
    /// <param name="allowEmpty">return no rows instead of failing when nothing is left (a corrections export may hold only the other task).</param>
    public static List<LabeledText> Read(string path, string[] labels, string? where = null, bool allowEmpty = false)
    {
        var rows = new List<LabeledText>();
        using var reader = Open(path, out var columns);
        int textColumn = Array.IndexOf(columns, "text"), labelColumn = LabelColumn(columns, labels);
        if (textColumn < 0 || labelColumn < 0)
            throw new DataFormatException($"{path}:1: header must have 'text' and 'label' (or '{TaskColumn(labels)}') columns, found '{string.Join("', '", columns)}'");
        int periodColumn = Array.IndexOf(columns, "period");
        int whereColumn = -1;
        string? whereValue = null;
        if (where is not null)
        {
            var parts = where.Split('=', 2);
            if (parts.Length != 2) throw new DataFormatException($"{path}:1: filter '{where}' must be column=value");
            whereColumn = Array.IndexOf(columns, parts[0]);
            whereValue = parts[1];
        }
        int needed = Math.Max(textColumn, labelColumn) + 1;
        int lineNumber = 1;
        for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            line = line.TrimEnd('\r');
            if (line.Length == 0) continue;
            var fields = line.Split('\t');
            if (fields.Length < needed)
                throw new DataFormatException($"{path}:{lineNumber}: expected at least {needed} tab-separated columns, found {fields.Length}");
            if (whereColumn >= 0 && (fields.Length <= whereColumn || fields[whereColumn].Trim() != whereValue)) continue;
            string label = fields[labelColumn].Trim();
            int index = Array.IndexOf(labels, label);
            if (index < 0)
                throw new DataFormatException($"{path}:{lineNumber}: unknown label '{label}' (expected one of: {string.Join(", ", labels)})");
            string? period = periodColumn >= 0 && fields.Length > periodColumn ? fields[periodColumn].Trim() : null;
            rows.Add(new LabeledText(fields[textColumn], index, path, lineNumber, period));
        }
        if (rows.Count == 0 && !allowEmpty) throw new DataFormatException($"{path}:{lineNumber}: file has a header but no data rows");
        return rows;
    }

    /// <summary>The distinct values of the file's `label` column (empty without one).</summary>
    public static HashSet<string> LabelValues(string path)
    {
        var rows = Columns(path, out var columns);
        int labelColumn = Array.IndexOf(columns, "label");
        return labelColumn < 0 ? [] : rows.Where(r => r.Fields.Length > labelColumn).Select(r => r.Fields[labelColumn].Trim()).ToHashSet();
    }

    /// <summary>Whether the file is labelled for both tasks (it has the task's own column, e.g. `needs_reply`), so no label map applies to it.</summary>
    public static bool HasTaskColumn(string path, string[] labels)
    {
        using var reader = Open(path, out var columns);
        return Array.IndexOf(columns, "label") < 0 && Array.IndexOf(columns, TaskColumn(labels)) >= 0;
    }

    public static int LabelColumn(string[] columns, string[] labels)
    {
        int label = Array.IndexOf(columns, "label");
        return label >= 0 ? label : Array.IndexOf(columns, TaskColumn(labels));
    }

    /// <summary>The column that holds a task's label in a file labelled for both tasks.</summary>
    public static string TaskColumn(string[] labels) =>
        labels.SequenceEqual(Tasks.LabelsOf(Tasks.NeedsReply)) ? "needs_reply" : Tasks.Sentiment;
}
