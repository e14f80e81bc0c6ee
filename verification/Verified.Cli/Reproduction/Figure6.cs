using System.Globalization;
using Verified.Cli.Output;
using Verified.Cli.Output.Files;
using Verified.Cli.Plots;
using Verified.Lyapunov;
using Verified.Randomness;
using Verified.Storage;

namespace Verified.Cli.Reproduction;

/// <summary>
/// Fig 6: flossing other cells, k = 1, N = 32. At the paper scale (appendix B.1 and the caption):
/// 10 LSTMs and 10 vanilla-relu networks (W ~ N(−0.1, g²/N)) with g ~ U(0, 1) and input x ~ N(0, 1),
/// λ1 flossed toward 0 for 100 epochs; and the LSTMs toward −1, which the paper says only some reach.
/// The LSTM's gains scale every matrix (the paper draws each gate's gain separately). The small
/// scale runs one LSTM without input and one vanilla-relu at g = 2 in seconds.
/// </summary>
public sealed class Figure6 : Figure
{
    public override string Name => "fig6";
    public override string Title => "λ1 of lstm and vanilla-relu networks flossed toward 0 (and −1 for the LSTMs)";

    private const int PaperNetworks = 10, PaperEpochs = 100;

    private static string Id(string cell, double target, int net) => string.Create(CultureInfo.InvariantCulture, $"{cell}-target{target}-net{net}");

    public override IReadOnlyList<FigureRun> Runs(Scale scale)
    {
        if (scale != Scale.Paper)
        {
            return
            [
                .. new[] { new FlossingRunSpec("lstm", 32, 1.0, 1, 0, 150, InputKind.None, 1, 4), new FlossingRunSpec("vanilla-relu", 32, 2.0, 1, 0, 150, InputKind.Gaussian, 1, 4) }
                    .Select(spec => Run(scale, spec.Cell, spec.Epochs, spec.Key, spec.Run)),
            ];
        }
        var gains = Gains();
        return
        [
            .. from net in Enumerable.Range(1, PaperNetworks)
               from arm in new[] { ("lstm", 0.0), ("lstm", -1.0), ("vanilla-relu", 0.0) }
               let spec = new FlossingRunSpec(arm.Item1, 32, gains[net - 1], 1, arm.Item2, PaperEpochs, InputKind.Gaussian, (ulong)net, 1, 5000)
               select Run(scale, Id(arm.Item1, arm.Item2, net), PaperEpochs, spec.Key, spec.Run),
        ];
    }

    public override void Render(string folder, Scale scale, RunResults results)
    {
        IReadOnlyList<(string Label, FlossingRun Run)> shown;
        IReadOnlyList<ClaimVerdict> verdicts = [];
        if (scale == Scale.Paper)
        {
            IReadOnlyList<FlossingRun> Arm(string cell, double target) => [.. Enumerable.Range(1, PaperNetworks).Select(net => results.Get<FlossingRun>(Id(cell, target, net)))];
            var (lstm, lstmMinusOne, relu) = (Arm("lstm", 0), Arm("lstm", -1), Arm("vanilla-relu", 0));
            shown = [.. lstm.Select(run => ("lstm → 0", run)), .. lstmMinusOne.Select(run => ("lstm → −1", run)), .. relu.Select(run => ("vanilla-relu → 0", run))];
            verdicts = FlossingClaims.Figure6(lstm, lstmMinusOne, relu, PaperEpochs);
            AtomicFile.WriteAllText(Path.Combine(folder, "claims.md"), FlossingClaims.Markdown("Fig 6: the paper's sentences on our runs (paper scale)", verdicts) + UnitOrigins.Markdown(results.Origins));
        }
        else
        {
            shown = [("lstm (g = 1)", results.Get<FlossingRun>("lstm")), ("vanilla-relu (g = 2)", results.Get<FlossingRun>("vanilla-relu"))];
        }
        var where = scale == Scale.Paper ? $"N = 32, k = 1, {PaperNetworks} networks each with g ~ U(0, 1), input x ~ N(0, 1)" : "N = 32, k = 1";
        var missing = shown.Where(entry => entry.Run.Failure is not null).Select(entry => entry.Run.Cell).Distinct().ToList();
        var note = missing.Count == 0 ? "" : $" ({string.Join(", ", missing)}: flossing stopped, see claims.md)";
        var chart = new Chart($"Fig 6: λ1 of lstm and vanilla-relu networks flossed toward a target{note}\n{where}", "flossing epoch", "λ1 (per step, flossing's estimate over each horizon)");
        var labels = shown.Select(entry => entry.Label).Distinct().ToList();
        foreach (var (label, run) in shown.Where(entry => entry.Run.Failure is null))
        {
            var colour = Chart.Colour(labels.IndexOf(label));
            chart.Line(shown.First(entry => entry.Label == label && entry.Run.Failure is null).Run == run ? label : null, [.. run.History.Select(epoch => (double)epoch.Epoch)], [.. run.History.Select(epoch => epoch.Exponents[0])], colour);
        }
        foreach (var target in shown.Select(entry => entry.Run.Target).Distinct())
        {
            chart.HorizontalMark($"target λ* = {target}", target, ScottPlot.Colors.Black);
        }
        chart.Save(Path.Combine(folder, "fig6.png"));
        var csv = new CsvTable("arm", "gain", "epoch", "loss", "lambda1");
        foreach (var (label, run) in shown)
        {
            foreach (var epoch in run.History)
            {
                csv.Row(label, run.Gain, epoch.Epoch, epoch.Loss, epoch.Exponents[0]);
            }
        }
        csv.Save(Path.Combine(folder, "fig6.csv"));
        JsonOutput.Write(new FileInfo(Path.Combine(folder, "fig6.json")), new Figure6File(FigureFile.NameOf(scale), results.Origins, verdicts,
            [.. shown.Select(entry => new ArmRun(entry.Label, entry.Run.Cell, entry.Run.Gain, entry.Run.Target, entry.Run.Failure, entry.Run.Before[0], entry.Run.After[0],
                [.. entry.Run.History.Select(epoch => epoch.Exponents[0])]))]));
    }

    /// <summary>The gains of the paper-scale networks, drawn from U(0, 1) by one seeded generator.</summary>
    private static double[] Gains()
    {
        var rng = Rng.ForStream(6, "fig6-gains");
        return [.. Enumerable.Range(0, PaperNetworks).Select(_ => rng.NextDouble())];
    }
}
