using System.Globalization;
using Verified.Cli.Output;
using Verified.Cli.Plots;
using Verified.Lyapunov;
using Verified.Random;

namespace Verified.Cli.Reproduction;

/// <summary>
/// Fig 1: flossing controls the exponents. B: λ1 of vanilla-tanh networks (N = 32, g ~ U(0, 1))
/// flossed toward −1 and −0.5. C: the loss of flossing k = 1, 16, 32 exponents (g = 1). D: the
/// spectra after flossing. Autonomous networks, as in Verified's Fig 1B test.
/// </summary>
public sealed class Figure1 : Figure
{
    private static readonly double[] Targets = [-1.0, -0.5];
    private static readonly int[] Ks = [1, 16, 32];

    public override string Name => "fig1";
    public override string Title => "flossing steers λ1 to a target (B), shrinks Σλ² (C) and flattens the spectrum (D)";

    public override IReadOnlyList<FigureRun> Runs(Scale scale)
    {
        var (networks, epochsB, epochsC) = scale == Scale.Paper ? (10, 300, 500) : (4, 150, 200);
        var gains = Gains(networks);
        var runs = new List<FigureRun>();
        foreach (var target in Targets)
        {
            for (var net = 0; net < networks; net++)
            {
                var (g, seed) = (gains[net], (ulong)(net + 1));
                runs.Add(Run(scale, string.Create(CultureInfo.InvariantCulture, $"b-target{target}-net{net + 1}"), epochsB,
                    tick => FlossingRuns.Run("vanilla-tanh", 32, g, 1, target, epochsB, InputKind.None, seed, 1, tick)));
            }
        }
        runs.AddRange(Ks.Select(k => Run(scale, $"c-k{k}", epochsC, tick => FlossingRuns.Run("vanilla-tanh", 32, 1.0, k, 0, epochsC, InputKind.None, 1, 32, tick))));
        return runs;
    }

    public override void Render(string folder, Scale scale, RunResults results)
    {
        var networks = scale == Scale.Paper ? 10 : 4;
        var b = Targets.SelectMany(target => Enumerable.Range(1, networks)
            .Select(net => results.Get<FlossingRun>(string.Create(CultureInfo.InvariantCulture, $"b-target{target}-net{net}")))).ToList();
        var c = Ks.Select(k => results.Get<FlossingRun>($"c-k{k}")).ToList();

        var chart = new Chart("Fig 1B: λ1 of vanilla-tanh (N = 32, g ~ U(0, 1)) flossed toward −1 and −0.5", "flossing epoch", "λ1 (per step, over each horizon)");
        foreach (var (run, index) in b.Select((run, index) => (run, index)))
        {
            chart.Line(index % networks == 0 ? $"flossed toward {run.Target} ({networks} networks)" : null,
                [.. run.History.Select(epoch => (double)epoch.Epoch)], [.. run.History.Select(epoch => epoch.Exponents[0])], Chart.Colour(Array.IndexOf(Targets, run.Target)));
        }
        foreach (var (target, index) in Targets.Select((target, index) => (target, index)))
        {
            chart.HorizontalMark($"target λ* = {target}", target, Chart.Colour(index));
        }
        chart.Save(Path.Combine(folder, "fig1b.png"));
        FlossingPlot.WriteLoss([.. c.Select(run => ($"k = {run.K}", run.History))], Path.Combine(folder, "fig1c.png"),
            "Fig 1C: flossing loss Σ_{i≤k} λ_i² of vanilla-tanh (N = 32, g = 1)");
        SpectrumPlot.WriteSpectra([("not flossed", c[0].Before), .. c.Select(run => ($"flossed k = {run.K}", run.After))], Path.Combine(folder, "fig1d.png"),
            "Fig 1D: Lyapunov spectrum of vanilla-tanh (N = 32, g = 1) before and after flossing k exponents");

        var csv = new CsvTable("panel", "run", "target", "k", "gain", "epoch", "loss", "lambda1");
        foreach (var run in b.Concat(c))
        {
            foreach (var epoch in run.History)
            {
                csv.Row(run.K == 1 && run.Target != 0 ? "B" : "C", $"g={run.Gain:F4}", run.Target, run.K, run.Gain, epoch.Epoch, epoch.Loss, epoch.Exponents[0]);
            }
        }
        csv.Save(Path.Combine(folder, "fig1.csv"));
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "fig1.json")), new
        {
            figure = "1",
            panelB = b.Select(run => new { run.Gain, run.Target, finalLambda1 = run.After[0], lambda1 = run.History.Select(epoch => epoch.Exponents[0]) }),
            panelC = c.Select(run => new { run.K, loss = run.History.Select(epoch => epoch.Loss) }),
            panelD = c.Select(run => new { run.K, before = run.Before, after = run.After }),
        });
    }

    /// <summary>The gains of the Fig 1B networks, drawn from U(0, 1) by one seeded generator.</summary>
    private static double[] Gains(int networks)
    {
        var rng = Rng.ForStream(1, "fig1-gains");
        return [.. Enumerable.Range(0, networks).Select(_ => rng.NextDouble())];
    }
}
