using System.Text.Json.Nodes;
using SkiaSharp;
using Xunit;

namespace Verified.Cli.Tests;

/// <summary>
/// Every figure committed under docs/recorded-runs, and its claims.md, is what its committed units draw and judge today: each folder's units are copied
/// to a temporary folder, merged there (`reproduce FIGURE --scale S --merge`, with `--partial` where the figure records
/// fewer runs than it expects; `sweep --merge` for a sweep) and each committed PNG must equal the redrawn one, byte for
/// byte or, where the bytes differ, pixel for pixel. A change to the plots fails here until the committed figures are
/// redrawn (`verified reproduce FIGURE --scale S --out docs/recorded-runs/FOLDER --merge`).
/// </summary>
public sealed class RecordedFiguresTests
{
    /// <summary>
    /// Figures whose units the background reproductions are still adding to: their PNGs are redrawn together with the
    /// units they are waiting for, so they are not held to today's plots until then.
    /// </summary>
    private static readonly HashSet<string> AwaitingUnits = [];

    public static TheoryData<string> Folders()
    {
        var root = Repository.File("docs/recorded-runs");
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal))
        {
            if (!AwaitingUnits.Contains(folder) && Directory.GetFiles(Path.Combine(root, folder), "*.png").Length > 0)
            {
                data.Add(folder);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void A_recorded_figure_is_what_its_units_draw(string name)
    {
        var recorded = Repository.File($"docs/recorded-runs/{name}");
        using var folder = new TemporaryFolder();

        var (code, _, error) = Redraw(recorded, folder);

        Assert.True(code == 0, error);
        var stale = Directory.GetFiles(recorded, "*.png").Order(StringComparer.Ordinal)
            .Where(png => !SameImage(png, folder.File(Path.GetFileName(png)))).Select(Path.GetFileName).ToList();
        Assert.True(stale.Count == 0, $"{name}: {string.Join(", ", stale)} differ from what the units draw; redraw them");
        // The verdicts too: claims.md is what --merge writes from the units alone.
        var claims = Path.Combine(recorded, "claims.md");
        if (File.Exists(claims))
        {
            Assert.True(File.ReadAllText(claims) == File.ReadAllText(folder.File("claims.md")), $"{name}: claims.md differs from what the units judge; merge again");
        }
    }

    [Fact]
    public void A_stale_figure_is_caught()
    {
        using var folder = new TemporaryFolder();
        var recorded = Repository.File("docs/recorded-runs/fig6-paper");
        Assert.Equal(0, Redraw(recorded, folder).Code);
        var png = Directory.GetFiles(folder, "*.png")[0];
        using (var bitmap = SKBitmap.Decode(png))
        {
            bitmap.SetPixel(bitmap.Width / 2, bitmap.Height / 2, SKColors.Magenta);
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(png, data.ToArray());
        }

        Assert.False(SameImage(Path.Combine(recorded, Path.GetFileName(png)), png));
    }

    /// <summary>Merges the units (or runs) of <paramref name="recorded"/>, copied to <paramref name="folder"/>, there.</summary>
    private static (int Code, string Output, string Error) Redraw(string recorded, string folder)
    {
        if (Directory.Exists(Path.Combine(recorded, "runs")))
        {
            Copy(Path.Combine(recorded, "runs"), Path.Combine(folder, "runs"));
            return CliRunner.Run("sweep", "--out", folder, "--merge");
        }
        Copy(Path.Combine(recorded, "units"), Path.Combine(folder, "units"));
        var json = JsonNode.Parse(File.ReadAllText(Directory.GetFiles(recorded, "*.json").Single()))!;
        var partial = json["runsFinished"] is { } finished && json["runsExpected"] is { } expected && finished.GetValue<int>() < expected.GetValue<int>();
        return CliRunner.Run(["reproduce", json["figure"]!.GetValue<string>(), "--scale", json["scale"]!.GetValue<string>(), "--out", folder, "--merge", .. partial ? ["--partial"] : Array.Empty<string>()]);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    /// <summary>The same bytes, or the same size and pixels once decoded.</summary>
    private static bool SameImage(string committed, string redrawn)
    {
        if (!File.Exists(redrawn))
        {
            return false;
        }
        if (File.ReadAllBytes(committed).AsSpan().SequenceEqual(File.ReadAllBytes(redrawn)))
        {
            return true;
        }
        using var a = SKBitmap.Decode(committed);
        using var b = SKBitmap.Decode(redrawn);
        return a.Width == b.Width && a.Height == b.Height && a.Pixels.SequenceEqual(b.Pixels);
    }
}
