using System.CommandLine;
using Verified.Cli.Output;
using Verified.Cli.Reproduction;

namespace Verified.Cli.Commands;

/// <summary>`verified reproduce figN [--scale small|paper]`: a figure of the paper as data (JSON, CSV) and PNG plots; resumable and shardable.</summary>
public static class ReproduceCommand
{
    public static Command Create(TextWriter output)
    {
        var figures = Reproducer.Figures();
        var figure = new Argument<string>("figure") { Description = "One of " + string.Join(", ", figures.Select(f => f.Name)) };
        figure.AcceptOnlyFromAmong([.. figures.Select(f => f.Name)]);
        var scale = new Option<string>("--scale") { Description = "small (minutes here) or paper (the paper's sizes)", DefaultValueFactory = _ => "small" };
        scale.AcceptOnlyFromAmong("small", "paper");
        var outFolder = new Option<DirectoryInfo?>("--out") { Description = "Folder of the figure (default: reproduce/FIGURE-SCALE)" };
        var shard = new Option<string>("--shard") { Description = "i/n: run every n-th run from the i-th (0-based), for cluster job arrays", DefaultValueFactory = _ => "0/1" };
        var command = new Command("reproduce", "Reproduce a figure of the paper: data (JSON, CSV) and plots (PNG)");
        command.Arguments.Add(figure);
        foreach (var option in new Option[] { scale, outFolder, shard })
        {
            command.Options.Add(option);
        }
        command.SetAction(result =>
        {
            var chosen = figures.Single(f => f.Name == result.GetValue(figure));
            var size = result.GetValue(scale) == "paper" ? Scale.Paper : Scale.Small;
            var (index, count) = ShardOption.Parse(result.GetValue(shard)!);
            var folder = OutputFolder.Create(result.GetValue(outFolder) ?? new DirectoryInfo(Path.Combine("reproduce", $"{chosen.Name}-{result.GetValue(scale)}")));
            Reproducer.Run(chosen, size, folder, index, count, output);
            return ExitCodes.Success;
        });
        return command;
    }
}
