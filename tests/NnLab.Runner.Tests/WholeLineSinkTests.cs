using System.Text.Json;
using NnLab.Runner.IO;
using NnLab.Runner.Logging;
using Serilog.Events;
using Serilog.Parsing;

namespace NnLab.Runner.Tests;

/// <summary>
/// The log files' sink: unbuffered (a run's log.jsonl), each line is in the file as soon as it is logged; buffered
/// (sweep.log.jsonl), lines are held and written in blocks, every one of them, in order, by the time the sink is
/// closed, and a held line goes out by itself a moment later.
/// </summary>
public sealed class WholeLineSinkTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static LogEvent Event(int n, string? padding = null) =>
        new(DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse("Event {N}{Padding}"),
            [new LogEventProperty("N", new ScalarValue(n)), new LogEventProperty("Padding", new ScalarValue(padding ?? ""))]);

    private static int[] Numbers(string path) =>
        File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("N").GetInt32()).ToArray();

    [Fact]
    public void An_unbuffered_sink_has_each_line_in_the_file_as_it_is_logged()
    {
        string path = _dir.Combine("log.jsonl");
        using var sink = new WholeLineSink(path, new JsonLinesFormatter());
        for (int i = 0; i < 3; i++)
        {
            sink.Emit(Event(i));
            Assert.Equal(Enumerable.Range(0, i + 1), Numbers(path));
        }
    }

    [Fact]
    public void A_buffered_sink_writes_every_line_in_order_in_blocks_by_the_time_it_is_closed()
    {
        string path = _dir.Combine("sweep.log.jsonl");
        // Lines of ~1 KB from two threads: several blocks' worth, and some lines left held at the end.
        var sink = new WholeLineSink(path, new JsonLinesFormatter(), buffered: true);
        var padding = new string('x', 900);
        Parallel.For(0, 2, thread =>
        {
            for (int i = thread; i < 1000; i += 2) sink.Emit(Event(i, padding));
        });
        long before = new FileInfo(path).Length;
        sink.Dispose();

        var numbers = Numbers(path);
        Assert.Equal(Enumerable.Range(0, 1000), numbers.Order());
        // Each thread's lines stay in the order it logged them.
        Assert.Equal(numbers.Where(n => n % 2 == 0).Order(), numbers.Where(n => n % 2 == 0));
        Assert.Equal(numbers.Where(n => n % 2 == 1).Order(), numbers.Where(n => n % 2 == 1));
        // Written a block at a time as blocks filled: what was in the file before closing ended on a whole line.
        Assert.True(before > 0 && before <= new FileInfo(path).Length, $"{before} bytes before closing");
        Assert.Equal((byte)'\n', File.ReadAllBytes(path)[before - 1]);
    }

    [Fact]
    public void A_buffered_sink_holds_lines_until_flushed_and_a_held_line_goes_out_by_itself_a_moment_later()
    {
        string path = _dir.Combine("sweep.log.jsonl");
        using var sink = new WholeLineSink(path, new JsonLinesFormatter(), buffered: true);
        sink.Emit(Event(0));
        sink.Emit(Event(1));
        sink.Flush();
        Assert.Equal([0, 1], Numbers(path));

        sink.Emit(Event(2));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Numbers(path).Length < 3)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the held line was not written within 30 s (the delay is {DelayedFlush.Delay})");
            Thread.Sleep(10);
        }
        Assert.Equal([0, 1, 2], Numbers(path));
    }

    [Fact]
    public void A_line_longer_than_a_block_is_written_whole_in_its_place()
    {
        string path = _dir.Combine("sweep.log.jsonl");
        using (var sink = new WholeLineSink(path, new JsonLinesFormatter(), buffered: true))
        {
            sink.Emit(Event(0));
            sink.Emit(Event(1, new string('y', 100_000)));
            sink.Emit(Event(2));
        }
        Assert.Equal([0, 1, 2], Numbers(path));
    }
}
