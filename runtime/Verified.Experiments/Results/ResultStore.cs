using System.Text.Json;
using System.Text.Json.Nodes;
using Verified.Storage;

namespace Verified.Experiments.Results;

/// <summary>
/// Finished results kept as one JSON file per id in a folder, each an envelope
/// <c>{id, key, version, build, numericalVersion, result}</c> written atomically once its work is done. <c>key</c> holds every
/// option that produced the result: a file is reused only when it parses, names its own id,
/// holds exactly the expected key and a result, and was computed by this store's numerical version
/// (<see cref="ResultOrigin"/>; an envelope without one is version 1's, <see cref="NumericalVersion.OfUnrecorded"/>)
/// unless the store keeps other numerical versions. Anything else (truncated, foreign, from other
/// options, other numbers) is reported through <c>warn</c> and counted as missing, so that it is computed again
/// and overwritten. This is the one reader of cached results: validation parts, figure runs and
/// sweep runs all go through it. The folder and its files are the tool's own (<see cref="OwnedPaths"/>):
/// a link there is never followed (a file that is one is computed again, which replaces the link), no
/// file is read past <see cref="ResultLimit"/>, and a folder where a result belongs is refused.
/// </summary>
public sealed class ResultStore
{
    private readonly Action<string> _warn;

    /// <summary>How keys and results are written and read (<see cref="ResultJson.Options"/> with the caller's resolver).</summary>
    private readonly JsonSerializerOptions _json;

    /// <summary>Whether a result of another numerical version than <see cref="Origin"/>'s is reused.</summary>
    private readonly bool _keepOtherNumericalVersions;

    /// <summary>What becomes of a file that is not reused, as its warning says: computed again, or (for a reader that computes nothing) left out.</summary>
    private readonly string _unusable;

    /// <summary>
    /// The store in <paramref name="folder"/> (created if missing); <paramref name="warn"/> hears of every file that is not reused.
    /// A <paramref name="readOnly"/> store (a merge's) computes nothing, so its warnings say that such a file is left out.
    /// Results are written as computed by <paramref name="origin"/> (by default the runtime's build at
    /// <see cref="NumericalVersion.Current"/>), and those of another numerical version are reused only when
    /// <paramref name="keepOtherNumericalVersions"/>.
    /// </summary>
    /// <exception cref="InvalidDataException"><paramref name="folder"/> is a symbolic link or a file.</exception>
    /// <remarks>
    /// Keys and results are written and read with <paramref name="json"/>: <see cref="ResultJson.Options"/> with a
    /// source-generated resolver of the caller's types (by default reflection over <see cref="ResultJson.Options"/>). Ids and
    /// the comparison of keys always use <see cref="Canonical"/>, so the resolver never changes which file is whose.
    /// </remarks>
    public ResultStore(string folder, Action<string>? warn = null, bool readOnly = false, ResultOrigin? origin = null, bool keepOtherNumericalVersions = false,
        JsonSerializerOptions? json = null)
    {
        _json = json ?? ResultJson.Options;
        Folder = folder;
        _warn = warn ?? (_ => { });
        _unusable = readOnly ? "it is left out" : "it is computed again";
        Origin = origin ?? RuntimeOrigin;
        _keepOtherNumericalVersions = keepOtherNumericalVersions;
        OwnedPaths.CreateFolder(folder);
    }

    /// <summary>The origin every result written here records.</summary>
    public ResultOrigin Origin { get; }

    private static readonly ResultOrigin RuntimeOrigin = ResultOrigin.Of(typeof(CellSpec).Assembly, typeof(ResultStore).Assembly);

    /// <summary>The longest result file read: far beyond any result this tool writes (the longest training runs' are under 1 MB).</summary>
    public const int ResultLimit = 64 << 20;

    /// <summary>The folder holding ID.json files.</summary>
    public string Folder { get; }

    /// <summary>The canonical text of a key: the comparison of keys is a comparison of these.</summary>
    public static string Canonical(object key) => JsonSerializer.Serialize(key, key.GetType(), Compact);

    /// <summary>The result stored under <paramref name="id"/> for exactly <paramref name="key"/>; false (with a warning if a file was there) otherwise.</summary>
    /// <exception cref="InvalidDataException">A folder is where the result belongs.</exception>
    public bool TryRead<T>(string id, object key, out T result)
    {
        var found = TryRead(id, key, typeof(T), out var read);
        result = found ? (T)read : default!;
        return found;
    }

    /// <summary>The result of type <paramref name="type"/> stored under <paramref name="id"/> for exactly <paramref name="key"/>; false (with a warning if a file was there) otherwise.</summary>
    /// <exception cref="InvalidDataException">A folder is where the result belongs.</exception>
    public bool TryRead(string id, object key, Type type, out object result) => TryRead(id, key, type, out result, out _);

    /// <summary>
    /// The result of type <paramref name="type"/> stored under <paramref name="id"/> for exactly <paramref name="key"/>, and what
    /// computed it; false (with a warning if a file was there) otherwise.
    /// </summary>
    /// <exception cref="InvalidDataException">A folder is where the result belongs.</exception>
    public bool TryRead(string id, object key, Type type, out object result, out ResultOrigin origin)
    {
        result = default!;
        origin = ResultOrigin.Unrecorded;
        var path = PathOf(id);
        switch (OwnedPaths.KindOf(path))
        {
            case EntryKind.None:
                return false;
            case EntryKind.Folder:
                throw new InvalidDataException($"{Describe(path)} is a folder, where the result of a run belongs; remove it");
        }
        if (!TryOpen(path, out var envelope, out var problem))
        {
            _warn($"{Describe(path)} {problem}; {_unusable}");
            return false;
        }
        if (envelope.Id != id)
        {
            _warn($"{Describe(path)} belongs to '{envelope.Id}', not '{id}'; {_unusable}");
            return false;
        }
        if (Canonical(envelope.Key) != Canonical(key))
        {
            _warn($"{Describe(path)} was computed with other options; {_unusable}");
            return false;
        }
        if (!TryResult(envelope, type, out result, out problem))
        {
            _warn($"{Describe(path)} {problem}; {_unusable}");
            return false;
        }
        if (!Reusable(envelope.Origin))
        {
            _warn($"{Describe(path)} {OtherNumbers(envelope.Origin)}; {_unusable} (--keep-other-numerical-versions keeps it)");
            return false;
        }
        origin = envelope.Origin;
        return true;
    }

    private bool Reusable(ResultOrigin origin) => _keepOtherNumericalVersions || origin.NumericalVersion == Origin.NumericalVersion;

    private string OtherNumbers(ResultOrigin origin) =>
        $"holds numbers of numerical version {origin.NumericalVersion}, not this build's {Origin.NumericalVersion}";

    /// <summary>The store holds a result for <paramref name="id"/> under exactly <paramref name="key"/>.</summary>
    public bool Has<T>(string id, object key) => TryRead<T>(id, key, out _);

    /// <summary>Writes the envelope of a finished result atomically.</summary>
    public void Write<T>(string id, object key, T result)
    {
        var envelope = new JsonObject
        {
            ["id"] = id,
            ["key"] = JsonSerializer.SerializeToNode(key, key.GetType(), _json),
            ["version"] = ResultJson.Version,
            ["build"] = Origin.Build,
            ["numericalVersion"] = Origin.NumericalVersion,
            ["result"] = JsonSerializer.SerializeToNode(result, _json),
        };
        AtomicFile.WriteAllText(PathOf(id), envelope.ToJsonString(_json));
    }

    /// <summary>
    /// Computes and writes the result unless another live process has claimed it (see <see cref="RunClaim"/>) or
    /// it has appeared meanwhile: true when the result is in the store on return, false when it is left to
    /// <paramref name="holder"/>.
    /// </summary>
    public bool ComputeOnce<T>(string id, object key, Func<T> compute, out string holder) =>
        ComputeOnce(id, key, typeof(T), () => compute()!, out holder);

    /// <summary>
    /// <see cref="ComputeOnce{T}"/> for a result whose type <paramref name="type"/> is known only when the program runs
    /// (a figure's runs return several): a file there counts as the result only if it holds a whole <paramref name="type"/>.
    /// </summary>
    public bool ComputeOnce(string id, object key, Type type, Func<object> compute, out string holder)
    {
        using var claim = RunClaim.TryTake(Folder, id, out holder);
        if (claim is null)
        {
            return false;
        }
        if (!TryRead(id, key, type, out _))
        {
            Write(id, key, compute());
        }
        return true;
    }

    /// <summary>The stored result for <paramref name="id"/> and <paramref name="key"/>, or <paramref name="compute"/>'s, which is then stored.</summary>
    public T GetOrCompute<T>(string id, object key, Func<T> compute)
    {
        if (TryRead<T>(id, key, out var cached))
        {
            return cached;
        }
        var value = compute();
        Write(id, key, value);
        return value;
    }

    /// <summary>
    /// Every well-formed envelope in the folder whose key is exactly a <typeparamref name="TKey"/> (the comparison of
    /// <see cref="TryRead{T}"/>: a key with a field more or less is another key) whose <paramref name="idOf"/> is its
    /// id and whose numbers this store reuses, with what computed it, ordered by id; the others are reported and skipped.
    /// </summary>
    public IReadOnlyList<(string Id, TKey Key, T Result, ResultOrigin Origin)> ReadAll<TKey, T>(Func<TKey, string?> idOf)
    {
        var entries = new List<(string, TKey, T, ResultOrigin)>();
        foreach (var path in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            if (!TryOpen(path, out var envelope, out var problem) || !TryResult(envelope, typeof(T), out var result, out problem))
            {
                _warn($"{Describe(path)} {problem}; it is left out");
                continue;
            }
            TKey? key;
            try
            {
                key = envelope.Key.Deserialize<TKey>(_json);
            }
            catch (Exception unreadable) when (unreadable is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
            {
                key = default;
            }
            if (key is null || Canonical(key) != Canonical(envelope.Key) || idOf(key) != id || envelope.Id != id)
            {
                _warn($"{Describe(path)} does not belong here (its options are not exactly those of the run '{id}'); it is left out");
                continue;
            }
            if (!Reusable(envelope.Origin))
            {
                _warn($"{Describe(path)} {OtherNumbers(envelope.Origin)}; it is left out (--keep-other-numerical-versions keeps it)");
                continue;
            }
            entries.Add((id, key, (T)result, envelope.Origin));
        }
        return entries;
    }

    private string PathOf(string id) => Path.Combine(Folder, id + ".json");

    private static string Describe(string path) => $"'{Path.GetFileName(Path.GetDirectoryName(path))}/{Path.GetFileName(path)}'";

    private static bool TryOpen(string path, out Envelope envelope, out string problem)
    {
        envelope = default;
        try
        {
            using var document = JsonDocument.Parse(OwnedPaths.ReadText(path, ResultLimit));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("key", out var key)
                || !root.TryGetProperty("result", out var result) || result.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            {
                problem = "is not a Verified result (it lacks an id, a key or a result)";
                return false;
            }
            envelope = new Envelope(id.GetString()!, key.Clone(), result.Clone(), OriginOf(root));
            problem = "";
            return true;
        }
        catch (JsonException)
        {
            problem = "does not parse as JSON (truncated or corrupted)";
            return false;
        }
        catch (InvalidDataException refused)
        {
            problem = refused.Message;
            return false;
        }
        catch (Exception failed) when (failed is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot be read ({failed.Message})";
            return false;
        }
    }

    /// <summary>The envelope's build and numerical version; where either is missing (a result written before they were recorded), <see cref="ResultOrigin.Unrecorded"/>'s.</summary>
    private static ResultOrigin OriginOf(JsonElement root) => new(
        root.TryGetProperty("build", out var build) && build.ValueKind == JsonValueKind.String ? build.GetString()! : ResultOrigin.UnrecordedBuild,
        root.TryGetProperty("numericalVersion", out var version) && version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var number)
            ? number : NumericalVersion.OfUnrecorded);

    private bool TryResult(Envelope envelope, Type type, out object result, out string problem)
    {
        try
        {
            result = envelope.Result.Deserialize(type, _json)!;
        }
        catch (Exception wrong) when (wrong is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            (result, problem) = (default!, $"holds a result of the wrong shape ({wrong.Message.Split('.')[0]})");
            return false;
        }
        problem = result is null ? "holds an empty result" : "";
        return result is not null;
    }

    private static readonly JsonSerializerOptions Compact = new(ResultJson.Options) { WriteIndented = false };

    private readonly record struct Envelope(string Id, JsonElement Key, JsonElement Result, ResultOrigin Origin);
}
