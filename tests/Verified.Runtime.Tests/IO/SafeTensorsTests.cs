using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Verified.Storage;
using Xunit;

namespace Verified.Runtime.Tests.IO;

public sealed class SafeTensorsTests : IDisposable
{
    private static CellLayout Lstm => BuiltInCells.Find("lstm")!.Layout(CellDimensions.Of(4, 2));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_saved_theta_reads_back_tensor_by_tensor_in_the_declared_shapes(bool single)
    {
        var layout = Lstm;
        var theta = Enumerable.Range(0, layout.ParameterCount).Select(i => Math.Sin(i) * 1.25).ToArray();
        var path = Path.Combine(Folder(), "lstm.safetensors");

        ParameterFile.Save(path, layout, theta, single);
        var loaded = ParameterFile.Load(path, layout, out var network);
        var (tensors, metadata) = SafeTensors.Read(path);

        Assert.Empty(network);
        Assert.Equal(single ? theta.Select(value => (double)(float)value) : theta, loaded);
        Assert.Equal(layout.Parameters.Select(parameter => parameter.Name).Order(), tensors.Keys.Order());
        foreach (var parameter in layout.Parameters)
        {
            Assert.Equal(ParameterFile.ShapeOf(parameter), tensors[parameter.Name].Shape);
            Assert.Equal(single ? "F32" : "F64", tensors[parameter.Name].DType);
        }
        Assert.Equal("lstm", metadata["cell"]);
        Assert.Equal(layout.Spec.SourceHash, metadata["cellSource"]);
        Assert.Equal(ResultJson.Version, metadata["verified"]);
        Assert.Equal(new Dictionary<string, int> { ["I"] = 2, ["N"] = 4 }, ParameterFile.DimensionsIn(path, layout.Spec).OrderBy(entry => entry.Key));
    }

    [Fact]
    public void The_layout_on_disk_is_the_format_s_own_an_8_byte_length_a_padded_json_header_and_little_endian_row_major_data()
    {
        var path = Path.Combine(Folder(), "two.safetensors");
        SafeTensors.Write(path, [new SafeTensor("a", "F64", [2, 2], [1, 2, 3, 4]), new SafeTensor("b", "F32", [3], [0.5, -1, 2])], new Dictionary<string, string> { ["k"] = "v" });

        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(bytes, 8, headerLength).TrimEnd(' '));

        Assert.Equal(0, headerLength % 8);
        Assert.Equal(8 + headerLength + 4 * 8 + 3 * 4, bytes.Length);
        Assert.Equal("v", header.RootElement.GetProperty("__metadata__").GetProperty("k").GetString());
        Assert.Equal([0, 32], header.RootElement.GetProperty("a").GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([32, 44], header.RootElement.GetProperty("b").GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(3.0, BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8 + headerLength + 16)));
        Assert.Equal(-1f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8 + headerLength + 32 + 4)));
    }

    public static TheoryData<string, string> Damaged => new()
    {
        { "truncated", "outside the" },
        { "header larger than the file", "declares a header of" },
        { "too short", "too short for a safetensors header" },
        { "header not json", "not a JSON object" },
        { "unknown dtype", "is BF16; Verified reads and writes F64 and F32" },
        { "shape and bytes disagree", "needs" },
        { "overlapping", "overlaps another tensor" },
        { "trailing bytes", "bytes after its last tensor" },
        { "element count that wraps to the bytes there", "needs 18446744073709551648" },
        { "element count that wraps to no bytes", "needs 36893488147419103232" },
        { "a tensor named twice", "names tensor 'a' twice" },
    };

    [Theory]
    [MemberData(nameof(Damaged))]
    public void A_damaged_file_is_refused_with_a_message_naming_what_is_wrong(string damage, string expected)
    {
        var path = Path.Combine(Folder(), "damaged.safetensors");
        SafeTensors.Write(path, [new SafeTensor("a", "F64", [2, 2], [1, 2, 3, 4]), new SafeTensor("b", "F64", [2], [5, 6])], new Dictionary<string, string>());
        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        var header = Encoding.UTF8.GetString(bytes, 8, headerLength);
        byte[] WithHeader(string text)
        {
            var json = Encoding.UTF8.GetBytes(text);
            var data = bytes.AsSpan(8 + headerLength).ToArray();
            var result = new byte[8 + json.Length + data.Length];
            BinaryPrimitives.WriteUInt64LittleEndian(result, (ulong)json.Length);
            json.CopyTo(result, 8);
            data.CopyTo(result, 8 + json.Length);
            return result;
        }
        var damaged = damage switch
        {
            "truncated" => bytes[..^4],
            "header larger than the file" => [.. BitConverter.GetBytes((ulong)bytes.Length), .. bytes[8..]],
            "too short" => bytes[..5],
            "header not json" => WithHeader("{\"a\": [1, 2"),
            "unknown dtype" => WithHeader(header.Replace("\"F64\"", "\"BF16\"")),
            "shape and bytes disagree" => WithHeader(header.Replace("[2,2]", "[2,3]")),
            "overlapping" => WithHeader(header.Replace("[32,48]", "[24,40]")),
            "trailing bytes" => [.. bytes, 0, 0, 0, 0, 0, 0, 0, 0],
            // 2^61 + 4 doubles are 2^64 + 32 bytes, 32 in 64 bits: the 32 bytes that are there.
            "element count that wraps to the bytes there" => WithHeader(header.Replace("[2,2]", "[2305843009213693956]")),
            "element count that wraps to no bytes" => WithHeader(header.Replace("\"shape\":[2]", "\"shape\":[2147483648,2147483648]").Replace("[32,48]", "[32,32]")),
            "a tensor named twice" => WithHeader(header.Replace("\"b\":", "\"a\":")),
            _ => throw new ArgumentException(damage),
        };
        Assert.NotEqual(bytes, damaged);
        File.WriteAllBytes(path, damaged);

        var refused = Assert.Throws<ParameterFileException>(() => SafeTensors.Read(path));

        Assert.Contains(expected, refused.Message);
        Assert.Contains("damaged.safetensors", refused.Message);
    }

    [Fact]
    public void Loading_checks_every_tensor_against_the_cell()
    {
        var layout = Lstm;
        var folder = Folder();
        var theta = Enumerable.Range(0, layout.ParameterCount).Select(i => 0.01 * i).ToArray();
        string Save(string name, Func<SafeTensor, SafeTensor?> change)
        {
            var tensors = layout.Parameters.Select(parameter => change(new SafeTensor(parameter.Name, "F64", ParameterFile.ShapeOf(parameter), theta[parameter.Offset..(parameter.Offset + parameter.Length)])))
                .OfType<SafeTensor>().ToList();
            var path = Path.Combine(folder, name + ".safetensors");
            SafeTensors.Write(path, name == "unknown" ? [.. tensors, new SafeTensor("Wx", "F64", [1], [1])] : tensors, new Dictionary<string, string>());
            return path;
        }
        // A matrix that is not square, so that its transposed shape is another shape.
        var first = layout.Parameters.First(parameter => parameter.Rows != parameter.Columns).Name;

        var missing = Assert.Throws<ParameterFileException>(() => ParameterFile.Load(Save("missing", t => t.Name == first ? null : t), layout, out _));
        var unknown = Assert.Throws<ParameterFileException>(() => ParameterFile.Load(Save("unknown", t => t), layout, out _));
        var shape = Assert.Throws<ParameterFileException>(() => ParameterFile.Load(Save("shape", t => t.Name == first ? t with { Shape = [.. t.Shape.Reverse()] } : t), layout, out _));
        var nonFinite = Assert.Throws<ParameterFileException>(() => ParameterFile.Load(Save("nan", t => t.Name == first ? t with { Values = [.. t.Values[..^1], double.NaN] } : t), layout, out _));

        Assert.Contains($"has no tensor '{first}'", missing.Message);
        Assert.Contains("holds tensor 'Wx', which cell lstm does not have", unknown.Message);
        Assert.Contains($"tensor '{first}' has shape", shape.Message);
        Assert.Contains($"tensor '{first}' holds a non-finite value (NaN", nonFinite.Message);
    }

    [Fact]
    public void A_device_that_never_ends_is_read_as_the_empty_file_the_file_system_says_it_is()
    {
        var refused = Assert.Throws<ParameterFileException>(() => SafeTensors.Read("/dev/zero"));

        Assert.Contains("is 0 bytes long, too short for a safetensors header", refused.Message);
    }

    [Fact]
    public void An_initial_state_of_another_size_is_refused_by_every_loader_not_only_training()
    {
        var layout = Lstm;
        var path = Path.Combine(Folder(), "h0.safetensors");
        ParameterFile.Save(path, layout, new double[layout.ParameterCount], extra: [new SafeTensor(ParameterFile.InitialState, "F64", [layout.StateSize + 1], new double[layout.StateSize + 1])]);

        var refused = Assert.Throws<ParameterFileException>(() => ParameterFile.Load(path, layout, out _));

        Assert.Contains($"tensor 'h0' has shape [{layout.StateSize + 1}], but h0 has shape [{layout.StateSize}]", refused.Message);
    }

    private readonly TemporaryFolders _folders = new();

    /// <summary>A fresh temporary folder, deleted when the test ends.</summary>
    private string Folder() => _folders.New();

    public void Dispose() => _folders.Dispose();
}
