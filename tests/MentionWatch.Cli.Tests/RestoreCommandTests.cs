using MentionWatch.Cli.Tests.Support;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Cli.Tests;

/// <summary>`mentionwatch restore` refusing files it must not restore, each with a line saying what to do next.</summary>
public sealed class RestoreCommandTests
{
    private string _dir = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _dir = TempDirectory.Create("restore");
    }

    [TearDown]
    public void DeleteDirectory() => TempDirectory.Delete(_dir);

    [Test]
    public void Restore_BackupFromNewerVersion_RefusedNamingBothVersions()
    {
        Write("newer.db", "CREATE TABLE schema_version(version INTEGER NOT NULL); INSERT INTO schema_version VALUES (999);");

        var result = CliProcess.Run(_dir, null, "restore", "--from", "newer.db", "--store", "store");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Stdout);
        Assert.That(result.Stderr, Does.Contain("schema version 999").And.Contain("newer than this mentionwatch supports"));
        Assert.That(Directory.Exists(Path.Combine(_dir, "store")), Is.False, "nothing is written before the checks pass");
    }

    [Test]
    public void Restore_SqliteFileThatIsNoStore_Refused()
    {
        Write("other.db", "CREATE TABLE t(x);");

        var result = CliProcess.Run(_dir, null, "restore", "--from", "other.db", "--store", "store");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("not a MentionWatch store"));
    }

    [Test]
    public void Restore_DamagedFile_RefusedWithWhatToDo()
    {
        File.WriteAllText(Path.Combine(_dir, "junk.db"), "this is not a database, whatever its name says");

        var result = CliProcess.Run(_dir, null, "restore", "--from", "junk.db", "--store", "store");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("not a readable SQLite database").And.Contain("restore another backup"));
    }

    private void Write(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_dir, file)};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
