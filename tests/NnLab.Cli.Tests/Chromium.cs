using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NnLab.Cli.Tests;

/// <summary>
/// Debian's headless chromium: loads a report from disk, returns the DOM after its scripts ran, takes screenshots.
/// A test that needs it fails (does not skip) when it is missing: ./test.sh installs it.
/// </summary>
internal static partial class Chromium
{
    public static string Executable
    {
        get
        {
            var found = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
            Assert.True(found is not null, "chromium is not installed: run ./test.sh (it installs Debian's chromium) or apt-get install chromium");
            return found!;
        }
    }

    /// <summary>The page's DOM after load, and chromium's stderr (console messages with --enable-logging).</summary>
    public static async Task<(string Dom, string Log)> DumpDomAsync(string htmlPath) =>
        await RunAsync(["--dump-dom", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000", new Uri(htmlPath).AbsoluteUri]);

    public static async Task ScreenshotAsync(string htmlPath, string pngPath, int width = 1280, int height = 2000)
    {
        await RunAsync([$"--screenshot={pngPath}", $"--window-size={width},{height}", "--hide-scrollbars", "--virtual-time-budget=3000", new Uri(htmlPath).AbsoluteUri]);
        Assert.True(File.Exists(pngPath) && new FileInfo(pngPath).Length > 10_000, $"no screenshot at {pngPath}");
    }

    private static async Task<(string, string)> RunAsync(string[] args)
    {
        var profile = Directory.CreateTempSubdirectory("nnlab-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--no-first-run", $"--user-data-dir={profile.FullName}" }.Concat(args))
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            return (await stdout, await stderr);
        }
        finally
        {
            try { profile.Delete(recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Each chart figure's attributes (data-chart, data-series, data-points, data-rendered), by chart id.</summary>
    public static Dictionary<string, Dictionary<string, string>> Charts(string dom) =>
        FigureTag().Matches(dom).Select(m => Attribute().Matches(m.Value).ToDictionary(a => a.Groups[1].Value, a => a.Groups[2].Value))
            .ToDictionary(a => a["data-chart"]);

    /// <summary>Checks the page loaded with no script error and every chart rendered at a size, with the expected series and points.</summary>
    public static void AssertPage(string dom, string log, params (string Chart, int Series, string Points)[] expected)
    {
        Assert.Contains("data-loaded=\"yes\"", dom);
        Assert.DoesNotContain("data-errors=\"yes\"", dom);
        Assert.DoesNotContain("Uncaught", log);
        var charts = Charts(dom);
        Assert.Equal(expected.Select(e => e.Chart).Order(), charts.Keys.Order());
        foreach (var (chart, series, points) in expected)
        {
            Assert.Equal(series.ToString(), charts[chart]["data-series"]);
            Assert.Matches("^" + points + "$", charts[chart]["data-points"]);
            Assert.Matches(@"^\d+x\d+$", charts[chart]["data-rendered"]);
        }
    }

    [GeneratedRegex("<figure class=\"chart\"[^>]*>")]
    private static partial Regex FigureTag();

    [GeneratedRegex("([a-z-]+)=\"([^\"]*)\"")]
    private static partial Regex Attribute();
}
