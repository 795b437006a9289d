using NnLab.Runner.IO;

namespace NnLab.Runner.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Writes_the_text_as_utf8_without_bom_and_leaves_no_temporary_file()
    {
        string path = _dir.Combine("a.txt");

        AtomicFile.WriteAllText(path, "héllo\n");

        Assert.Equal("héllo\n"u8.ToArray(), File.ReadAllBytes(path));
        Assert.Equal(["a.txt"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Replaces_an_existing_file_whole()
    {
        string path = _dir.Combine("a.txt");
        File.WriteAllText(path, "a much longer old content that must not survive as a tail");

        AtomicFile.WriteAllText(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void Text_lines_end_with_a_bare_newline()
    {
        string path = _dir.Combine("lines.txt");

        AtomicFile.WriteText(path, w => { w.WriteLine("a"); w.WriteLine("b"); });

        Assert.Equal("a\nb\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_writer_that_fails_leaves_the_old_file_intact_and_no_temporary_file()
    {
        string path = _dir.Combine("a.txt");
        File.WriteAllText(path, "old");

        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteText(path, w =>
        {
            w.Write("half of the new conte");
            throw new InvalidOperationException("disk on fire");
        }));

        Assert.Equal("disk on fire", error.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["a.txt"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void The_writers_own_error_survives_a_cleanup_that_fails()
    {
        string folder = _dir.Combine("vanishing");
        Directory.CreateDirectory(folder);

        var error = Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteText(Path.Combine(folder, "a.txt"), _ =>
        {
            Directory.Delete(folder, recursive: true); // the temporary file can no longer be deleted
            throw new InvalidOperationException("writer failed");
        }));

        Assert.Equal("writer failed", error.Message);
    }
}
