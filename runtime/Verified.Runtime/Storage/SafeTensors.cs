using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verified.Storage;

/// <summary>One tensor of a safetensors file: its name, element type (F64 or F32), shape and values (row-major, widened to double).</summary>
public sealed record SafeTensor(string Name, string DType, IReadOnlyList<long> Shape, double[] Values)
{
    /// <summary>The shape as it is written in the file's header, e.g. [4, 3].</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}

/// <summary>
/// The safetensors format (the one torch's <c>safetensors.torch.save_file</c> and numpy's
/// <c>safetensors.numpy</c> read and write): an 8-byte little-endian header length H, H bytes of a
/// JSON header <c>{name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {string: string}}</c>,
/// then the tensors' raw little-endian row-major bytes, offsets counted from the end of the header.
/// Reading checks everything a file can get wrong (a header longer than the file, offsets outside the
/// data or not matching the shape, overlapping or unused bytes, unknown element types) and names the
/// file and the tensor in a <see cref="ParameterFileException"/>; writing is atomic.
/// </summary>
public static class SafeTensors
{
    /// <summary>Headers larger than this are refused before they are read (the format's own readers use 100 MB).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>Writes the tensors (in the element type each names) and the metadata atomically; the header is padded with spaces to a multiple of 8 bytes.</summary>
    public static void Write(string path, IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var header = new JsonObject { ["__metadata__"] = new JsonObject(metadata.Select(entry => KeyValuePair.Create(entry.Key, (JsonNode?)entry.Value))) };
        var offset = 0L;
        foreach (var tensor in tensors)
        {
            var length = (long)tensor.Values.Length * ElementSize(tensor.DType, path, tensor.Name);
            header[tensor.Name] = new JsonObject
            {
                ["dtype"] = tensor.DType,
                ["shape"] = new JsonArray([.. tensor.Shape.Select(size => (JsonNode?)size)]),
                ["data_offsets"] = new JsonArray(offset, offset + length),
            };
            offset += length;
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8;
        var bytes = new byte[8 + padded + offset];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)padded);
        json.CopyTo(bytes, 8);
        bytes.AsSpan(8 + json.Length, padded - json.Length).Fill((byte)' ');
        var at = 8 + padded;
        foreach (var tensor in tensors)
        {
            foreach (var value in tensor.Values)
            {
                if (tensor.DType == "F64")
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(at), value);
                    at += 8;
                }
                else
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(at), (float)value);
                    at += 4;
                }
            }
        }
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Every tensor of the file by name, and its metadata; a <see cref="ParameterFileException"/> for anything malformed.</summary>
    public static (IReadOnlyDictionary<string, SafeTensor> Tensors, IReadOnlyDictionary<string, string> Metadata) Read(string path)
    {
        var bytes = ReadBytes(path);
        if (bytes.Length < 8)
        {
            throw new ParameterFileException(path, $"is {bytes.Length} bytes long, too short for a safetensors header");
        }
        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8) || headerLength > MaxHeaderBytes)
        {
            throw new ParameterFileException(path, $"declares a header of {headerLength} bytes, but the file holds {bytes.Length - 8} bytes after the length (truncated, or not a safetensors file)");
        }
        var data = bytes.AsMemory(8 + (int)headerLength);
        JsonObject header;
        try
        {
            header = JsonNode.Parse(bytes.AsSpan(8, (int)headerLength)) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException wrong)
        {
            throw new ParameterFileException(path, $"has a header that is not a JSON object ({wrong.Message.Split('.')[0]})");
        }
        // A JSON object may repeat a name, which a header must not: the tensor it names would be two tensors.
        using (var names = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength)))
        {
            var twice = names.RootElement.EnumerateObject().GroupBy(property => property.Name).FirstOrDefault(group => group.Count() > 1);
            if (twice is not null)
            {
                throw new ParameterFileException(path, $"names tensor '{twice.Key}' twice in its header");
            }
        }
        var metadata = new Dictionary<string, string>();
        var tensors = new Dictionary<string, SafeTensor>();
        var spans = new List<(long Begin, long End, string Name)>();
        foreach (var (name, entry) in header)
        {
            if (name == "__metadata__")
            {
                foreach (var (key, value) in entry as JsonObject ?? [])
                {
                    metadata[key] = value is JsonValue text && text.TryGetValue<string>(out var s) ? s : throw new ParameterFileException(path, $"has a metadata entry '{key}' that is not a string");
                }
                continue;
            }
            var (tensor, begin, end) = ReadTensor(path, name, entry, data.Span);
            tensors[name] = tensor;
            spans.Add((begin, end, name));
        }
        var covered = 0L;
        foreach (var (begin, end, name) in spans.OrderBy(span => span.Begin))
        {
            if (begin != covered)
            {
                throw new ParameterFileException(path, begin < covered ? $"tensor '{name}' overlaps another tensor's bytes" : $"has {begin - covered} unused bytes before tensor '{name}'");
            }
            covered = end;
        }
        if (covered != data.Length)
        {
            throw new ParameterFileException(path, $"has {data.Length - covered} bytes after its last tensor");
        }
        return (tensors, metadata);
    }

    private static (SafeTensor Tensor, long Begin, long End) ReadTensor(string path, string name, JsonNode? entry, ReadOnlySpan<byte> data)
    {
        string Problem(string what) => $"tensor '{name}' {what}";
        if (entry is not JsonObject fields
            || fields["dtype"] is not JsonValue dtypeNode || !dtypeNode.TryGetValue<string>(out var dtype)
            || fields["shape"] is not JsonArray shapeNode
            || fields["data_offsets"] is not JsonArray offsets || offsets.Count != 2)
        {
            throw new ParameterFileException(path, Problem("lacks a dtype, shape or data_offsets pair"));
        }
        var shape = new List<long>();
        foreach (var dimensionNode in shapeNode)
        {
            shape.Add(dimensionNode is JsonValue value && value.TryGetValue<long>(out var dimension) && dimension >= 0 ? dimension : throw new ParameterFileException(path, Problem("has a shape that is not a list of sizes")));
        }
        long Offset(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var at) && at >= 0 ? at : throw new ParameterFileException(path, Problem("has data_offsets that are not byte offsets"));
        var (begin, end) = (Offset(offsets[0]), Offset(offsets[1]));
        var size = ElementSize(dtype, path, name);
        // Without bound: a shape's element count times the element size may pass any fixed width ([2^61 + 1] of F64 wraps to 8 bytes in 64 bits).
        var needed = shape.Aggregate(new BigInteger(size), (product, dimension) => product * dimension);
        if (end < begin || end > data.Length)
        {
            throw new ParameterFileException(path, Problem($"has data_offsets [{begin}, {end}] outside the {data.Length} bytes of data (the file is truncated or damaged)"));
        }
        if (end - begin != needed)
        {
            throw new ParameterFileException(path, Problem($"has {end - begin} bytes of data, but its shape [{string.Join(", ", shape)}] of {dtype} needs {needed}"));
        }
        var values = new double[(end - begin) / size];
        var bytes = data[(int)begin..(int)end];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = size == 8 ? BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]) : BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
        }
        return (new SafeTensor(name, dtype, shape, values), begin, end);
    }

    /// <summary>
    /// The file's bytes, as many as the file system says it holds: a device or pipe (--params /dev/zero) never ends, so
    /// the length is asked before anything is read, and a file longer than an array can hold is refused.
    /// </summary>
    private static byte[] ReadBytes(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var length = stream.CanSeek ? stream.Length : throw new ParameterFileException(path, "is not a file that can be read to its end (a pipe or a device)");
            if (length > Array.MaxLength)
            {
                throw new ParameterFileException(path, $"is {length} bytes long, more than a parameter file can be ({Array.MaxLength} bytes)");
            }
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            throw new ParameterFileException(path, $"cannot be read ({unreadable.Message})");
        }
    }

    private static int ElementSize(string dtype, string path, string name) => dtype switch
    {
        "F64" => 8,
        "F32" => 4,
        _ => throw new ParameterFileException(path, $"tensor '{name}' is {dtype}; Verified reads and writes F64 and F32"),
    };
}
