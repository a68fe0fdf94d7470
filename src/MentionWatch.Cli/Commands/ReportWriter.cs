using System.Globalization;
using System.Text.Json;
using MentionWatch.Classification.Training;

namespace MentionWatch.Cli.Commands;

/// <summary>Prints an evaluation report as text (with the confusion matrix) or as one JSON object.</summary>
internal static class ReportWriter
{
    public static void Write(EvaluationReport report, bool json, TextWriter output, IReadOnlyDictionary<string, object>? extra = null)
    {
        if (json)
        {
            output.WriteLine(ToJson(report, extra));
            return;
        }
        var c = CultureInfo.InvariantCulture;
        if (extra is not null)
            foreach (var (key, value) in extra) output.WriteLine(string.Format(c, "{0}: {1}", key, value));
        output.WriteLine(string.Format(c, "count: {0}  accuracy: {1:F4}  macro-recall: {2:F4}  macro-F1: {3:F4}",
            report.Count, report.Accuracy, report.MacroRecall, report.MacroF1));
        output.WriteLine(string.Format(c, "{0,-10} {1,9} {2,9} {3,9} {4,9}", "label", "precision", "recall", "f1", "support"));
        foreach (var (label, m) in report.Classes)
            output.WriteLine(string.Format(c, "{0,-10} {1,9:F4} {2,9:F4} {3,9:F4} {4,9}", label, m.Precision, m.Recall, m.F1, m.Support));
        output.WriteLine("confusion matrix (rows = gold, columns = predicted):");
        output.WriteLine(string.Format(c, "{0,-10}", "") + string.Concat(report.Labels.Select(l => string.Format(c, "{0,10}", l))));
        for (int g = 0; g < report.Labels.Length; g++)
        {
            output.Write(string.Format(c, "{0,-10}", report.Labels[g]));
            for (int p = 0; p < report.Labels.Length; p++) output.Write(string.Format(c, "{0,10}", report.Confusion[g, p]));
            output.WriteLine();
        }
    }

    private static string ToJson(EvaluationReport report, IReadOnlyDictionary<string, object>? extra)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            if (extra is not null)
                foreach (var (key, value) in extra) WriteValue(w, key, value);
            w.WriteNumber("count", report.Count);
            w.WriteNumber("accuracy", Math.Round(report.Accuracy, 6));
            w.WriteNumber("macroRecall", Math.Round(report.MacroRecall, 6));
            w.WriteNumber("macroF1", Math.Round(report.MacroF1, 6));
            w.WriteStartObject("classes");
            foreach (var (label, m) in report.Classes)
            {
                w.WriteStartObject(label);
                w.WriteNumber("precision", Math.Round(m.Precision, 6));
                w.WriteNumber("recall", Math.Round(m.Recall, 6));
                w.WriteNumber("f1", Math.Round(m.F1, 6));
                w.WriteNumber("support", m.Support);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteStartArray("confusion");
            for (int g = 0; g < report.Labels.Length; g++)
            {
                w.WriteStartArray();
                for (int p = 0; p < report.Labels.Length; p++) w.WriteNumberValue(report.Confusion[g, p]);
                w.WriteEndArray();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter w, string key, object value)
    {
        switch (value)
        {
            case int i: w.WriteNumber(key, i); break;
            case double d: w.WriteNumber(key, Math.Round(d, 6)); break;
            default: w.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
