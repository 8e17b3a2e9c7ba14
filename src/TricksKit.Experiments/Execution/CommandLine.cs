namespace TricksKit.Experiments.Execution;

/// <summary>
/// The one parser of the project's command lines (the script twins, the worker, the notebook runner):
/// <c>--name value</c> options, <c>--flag</c> switches and, where allowed, positional arguments. Any mistake is an
/// <see cref="ArgumentException"/> whose parameter is the option at fault and whose message says what is allowed.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> values;
    private readonly HashSet<string> flags;

    private CommandLine(Dictionary<string, string> values, HashSet<string> flags, IReadOnlyList<string> positional)
    {
        this.values = values; this.flags = flags; Positional = positional;
    }

    /// <summary>The arguments that are not options (only when <c>positional</c> was allowed).</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>The value of <paramref name="option"/> (e.g. "--seeds"), or null when it was not given.</summary>
    public string? this[string option] => values.TryGetValue(option, out var v) ? v : null;

    /// <summary>Whether the switch <paramref name="flag"/> (e.g. "--merge") was given.</summary>
    public bool Has(string flag) => flags.Contains(flag);

    /// <summary>
    /// Parses <paramref name="args"/>: each of <paramref name="options"/> takes the next argument as its value, each of
    /// <paramref name="switches"/> stands alone; anything else is an error unless <paramref name="positional"/>.
    /// <paramref name="usage"/> is appended to the message of an unknown argument.
    /// </summary>
    public static CommandLine Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> options, IReadOnlyCollection<string>? switches = null,
        bool positional = false, string usage = "")
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        var values = new Dictionary<string, string>();
        var flags = new HashSet<string>();
        var rest = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (options.Contains(a))
            {
                if (i + 1 >= args.Count) throw new ArgumentException($"{a} needs a value.", a);
                if (values.ContainsKey(a)) throw new ArgumentException($"{a} is given twice.", a);
                values[a] = args[++i];
            }
            else if (switches?.Contains(a) == true) flags.Add(a);
            else if (positional && !a.StartsWith("--", StringComparison.Ordinal)) rest.Add(a);
            else throw new ArgumentException($"unknown argument '{a}'{(usage.Length > 0 ? $" (use {usage})" : "")}.", a);
        }
        return new CommandLine(values, flags, rest);
    }
}
