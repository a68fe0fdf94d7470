using MentionWatch.Storage.Elasticsearch.Tests.Bench;

namespace MentionWatch.Storage.Elasticsearch.Tests;

/// <summary>
/// The test project doubles as the bulk writer's benchmark console:
/// <c>dotnet run -c Release --project tests/MentionWatch.Storage.Elasticsearch.Tests bench [batches] [producers]</c>.
/// Tests run through dotnet test as usual and never enter here.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] != "bench")
        {
            Console.Error.WriteLine("usage: bench [batches of 1000 posts, default 200] [producers under back-pressure, default 16]");
            return 2;
        }
        var batches = args.Length > 1 ? int.Parse(args[1]) : 200;
        var producers = args.Length > 2 ? int.Parse(args[2]) : 16;
        await BulkWriterBench.CostPerThousandAsync(batches);
        await BulkWriterBench.BackPressureAsync(producers);
        return 0;
    }
}
