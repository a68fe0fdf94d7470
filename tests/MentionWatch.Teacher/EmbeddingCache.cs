namespace MentionWatch.Teacher;

/// <summary>Binary cache: row count, dimension, then per row text, label, period and the float vector.</summary>
internal static class EmbeddingCache
{
    public static void Write(string path, IReadOnlyList<TsvRow> rows, IReadOnlyList<float[]> vectors)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(rows.Count);
        writer.Write(vectors[0].Length);
        for (var i = 0; i < rows.Count; i++)
        {
            writer.Write(rows[i].Text);
            writer.Write(rows[i].Label);
            writer.Write(rows[i].Period);
            foreach (var value in vectors[i])
            {
                writer.Write(value);
            }
        }
    }

    public static (List<TsvRow> Rows, float[][] Vectors) Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var count = reader.ReadInt32();
        var dim = reader.ReadInt32();
        var rows = new List<TsvRow>(count);
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            rows.Add(new TsvRow(reader.ReadString(), reader.ReadString(), reader.ReadString()));
            vectors[i] = new float[dim];
            for (var d = 0; d < dim; d++)
            {
                vectors[i][d] = reader.ReadSingle();
            }
        }
        return (rows, vectors);
    }
}
