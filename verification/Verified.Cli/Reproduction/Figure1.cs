using System.Globalization;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Cli.Plots;
using Verified.Lyapunov;
using Verified.Randomness;
using Verified.Storage;

namespace Verified.Cli.Reproduction;

/// <summary>
/// Fig 1: flossing controls the exponents of vanilla-tanh networks, N = 32, with g ~ U(0, 1) (the
/// caption's 10 realisations at the paper scale). B: λ1 flossed toward targets; at the paper scale
/// −1, −0.5 and 0 (the caption) and +0.5 (Sec 4: a positive target is not reached), for 100
/// epochs ("within less than 100 training epochs"), with input x ~ N(0, 1) and V ~ N(0, 1) (Sec 4).
/// C: the loss of flossing k = 1, 16, 32 exponents, median and 25–75 % over the networks. D: the
/// spectra after. The small scale runs 4 autonomous networks in seconds.
/// </summary>
public sealed class Figure1 : Figure
{
    private static readonly int[] Ks = [1, 16, 32];

    public override string Name => "fig1";
    public override string Title => "flossing steers λ1 to a target (B), shrinks Σλ² (C) and flattens the spectrum (D)";

    private sealed record Protocol(double[] Targets, int Networks, int EpochsB, int EpochsC, InputKind Input);

    private static Protocol Of(Scale scale) => scale == Scale.Paper
        ? new([-1.0, -0.5, 0.0, 0.5], 10, 100, 500, InputKind.Gaussian)
        : new([-1.0, -0.5], 4, 150, 200, InputKind.None);

    private static string BId(double target, int net) => string.Create(CultureInfo.InvariantCulture, $"b-target{target}-net{net}");
    private static string CId(int k, int net) => $"c-k{k}-net{net}";

    public override IReadOnlyList<FigureRun> Runs(Scale scale)
    {
        var protocol = Of(scale);
        var gains = Gains(protocol.Networks);
        var runs = new List<FigureRun>();
        for (var net = 1; net <= protocol.Networks; net++)
        {
            var (g, seed) = (gains[net - 1], (ulong)net);
            runs.AddRange(protocol.Targets.Select(target => new FlossingRunSpec("vanilla-tanh", 32, g, 1, target, protocol.EpochsB, protocol.Input, seed, 1, 5000))
                .Select(spec => Run(scale, BId(spec.Target, net), spec.Epochs, spec.Key, spec.Run)));
            runs.AddRange(Ks.Select(k => new FlossingRunSpec("vanilla-tanh", 32, g, k, 0, protocol.EpochsC, protocol.Input, seed, 32, 5000))
                .Select(spec => Run(scale, CId(spec.K, net), spec.Epochs, spec.Key, spec.Run)));
        }
        return runs;
    }

    public override void Render(string folder, Scale scale, RunResults results)
    {
        var protocol = Of(scale);
        var nets = Enumerable.Range(1, protocol.Networks).ToList();
        var byTarget = protocol.Targets.ToDictionary(target => target, target => (IReadOnlyList<FlossingRun>)[.. nets.Select(net => results.Get<FlossingRun>(BId(target, net)))]);
        var byK = Ks.ToDictionary(k => k, k => (IReadOnlyList<FlossingRun>)[.. nets.Select(net => results.Get<FlossingRun>(CId(k, net)))]);
        var where = $"vanilla-tanh, N = 32, {protocol.Networks} networks with g ~ U(0, 1), input {(protocol.Input == InputKind.None ? "none" : "x ~ N(0, 1)")}";

        var chart = new Chart($"Fig 1B: λ1 flossed toward a target\n{where}", "flossing epoch", "λ1 (per step, flossing's estimate over each horizon)");
        foreach (var (target, index) in protocol.Targets.Select((target, index) => (target, index)))
        {
            foreach (var (run, net) in byTarget[target].Select((run, net) => (run, net)))
            {
                chart.Line(net == 0 ? $"flossed toward {target}" : null, [.. run.History.Select(epoch => (double)epoch.Epoch)], [.. run.History.Select(epoch => epoch.Exponents[0])], Chart.Colour(index));
            }
            chart.HorizontalMark($"target λ* = {target}", target, Chart.Colour(index));
        }
        chart.Save(Path.Combine(folder, "fig1b.png"));

        var loss = new Chart($"Fig 1C: the flossing loss Σ_(i≤k) λ_i²: median and 25–75 % over the networks\n{where}", "flossing epoch", "flossing loss", logY: true);
        var spectra = new Chart($"Fig 1D: the spectrum after flossing k exponents: median and 25–75 % over the networks\n{where}", "index i", "λ_i (per step)").IntegerX();
        foreach (var (k, index) in Ks.Select((k, index) => (k, index)))
        {
            var runs = byK[k];
            var epochs = runs[0].History.Select(epoch => (double)epoch.Epoch).ToList();
            var values = epochs.Select((_, e) => runs.Select(run => run.History[e].Loss).ToList()).ToList();
            loss.Band(null, epochs, [.. values.Select(v => Statistics.Percentile(v, 0.25))], [.. values.Select(v => Statistics.Percentile(v, 0.75))], Chart.Colour(index));
            loss.Line($"k = {k}", epochs, [.. values.Select(v => Statistics.Percentile(v, 0.5))], Chart.Colour(index));
            MedianSpectrum(spectra, $"flossed k = {k}", [.. runs.Select(run => run.After)], Chart.Colour(index));
        }
        MedianSpectrum(spectra, "not flossed", [.. byK[Ks[0]].Select(run => run.Before)], ScottPlot.Colors.Gray);
        spectra.HorizontalMark("λ = 0", 0, ScottPlot.Colors.Black);
        loss.Save(Path.Combine(folder, "fig1c.png"));
        spectra.Save(Path.Combine(folder, "fig1d.png"));

        var csv = new CsvTable("panel", "network", "target", "k", "gain", "epoch", "loss", "lambda1");
        foreach (var (panel, run, net) in byTarget.Values.SelectMany(runs => runs.Select((run, net) => ("B", run, net + 1)))
                     .Concat(byK.Values.SelectMany(runs => runs.Select((run, net) => ("C", run, net + 1)))))
        {
            foreach (var epoch in run.History)
            {
                csv.Row(panel, net, run.Target, run.K, run.Gain, epoch.Epoch, epoch.Loss, epoch.Exponents[0]);
            }
        }
        csv.Save(Path.Combine(folder, "fig1.csv"));
        var verdicts = scale == Scale.Paper ? FlossingClaims.Figure1(byTarget, byK, protocol.EpochsB) : [];
        if (verdicts.Count > 0)
        {
            AtomicFile.WriteAllText(Path.Combine(folder, "claims.md"), FlossingClaims.Markdown("Fig 1: the paper's sentences on our runs (paper scale)", verdicts) + UnitOrigins.Markdown(results.Origins));
        }
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "fig1.json")), new Figure1File(FigureFile.NameOf(scale), results.Origins, verdicts,
            [.. byTarget.Values.SelectMany(runs => runs).Select(run => new TargetRun(run.Gain, run.Target, run.Before[0], run.After[0], [.. run.History.Select(epoch => epoch.Exponents[0])]))],
            [.. byK.Values.SelectMany(runs => runs).Select(run => new LossRun(run.K, run.Gain, [.. run.History.Select(epoch => epoch.Loss)]))],
            [.. byK.Values.SelectMany(runs => runs).Select(run => new SpectraRun(run.K, run.Gain, run.Before, run.After))]));
    }

    /// <summary>The median spectrum of <paramref name="spectra"/> with its 25–75 % band, index by index.</summary>
    private static void MedianSpectrum(Chart chart, string label, IReadOnlyList<double[]> spectra, ScottPlot.Color colour)
    {
        var index = Enumerable.Range(1, spectra[0].Length).Select(i => (double)i).ToList();
        var values = index.Select((_, i) => spectra.Select(spectrum => spectrum[i]).ToList()).ToList();
        chart.Band(null, index, [.. values.Select(v => Statistics.Percentile(v, 0.25))], [.. values.Select(v => Statistics.Percentile(v, 0.75))], colour);
        chart.Line(label, index, [.. values.Select(v => Statistics.Percentile(v, 0.5))], colour, markers: true);
    }

    /// <summary>The gains of the networks, drawn from U(0, 1) by one seeded generator.</summary>
    private static double[] Gains(int networks)
    {
        var rng = Rng.ForStream(1, "fig1-gains");
        return [.. Enumerable.Range(0, networks).Select(_ => rng.NextDouble())];
    }
}
