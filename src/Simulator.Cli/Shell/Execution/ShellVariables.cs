namespace Simulator.Cli.Shell.Execution;

internal sealed class ShellVariable
{
    /// <summary>Null for a variable declared but not set (<c>local x</c>, <c>export x</c>).</summary>
    public string? Value { get; set; }

    public bool Exported { get; set; }

    public bool ReadOnly { get; set; }

    public ShellVariable Clone() => new() { Value = Value, Exported = Exported, ReadOnly = ReadOnly };
}

/// <summary>
/// Shell variables with bash's dynamic scoping: a global scope, one scope per running function
/// (for <c>local</c>), and short-lived scopes for prefix assignments (<c>a=b cmd</c>).
/// Lookup walks from the innermost scope out.
/// </summary>
internal sealed class ShellVariables
{
    private List<Scope> _scopes = [new Scope(isFunction: false)];

    public bool InFunction => _scopes.Any(s => s.IsFunction);

    public ShellVariable? Find(string name)
    {
        for (int i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].Vars.TryGetValue(name, out ShellVariable? v))
            {
                return v;
            }
        }

        return null;
    }

    public string? Get(string name) => Find(name)?.Value;

    /// <summary>Sets a variable where it is visible, or globally when it does not exist.</summary>
    public ShellVariable Set(string name, string? value)
    {
        ShellVariable? v = Find(name);
        if (v is null)
        {
            v = new ShellVariable();
            _scopes[0].Vars[name] = v;
        }

        v.Value = value;
        return v;
    }

    /// <summary>Declares a variable in the innermost function scope.</summary>
    public ShellVariable DeclareLocal(string name, string? value)
    {
        Scope scope = _scopes.Last(s => s.IsFunction);
        if (!scope.Vars.TryGetValue(name, out ShellVariable? v))
        {
            v = new ShellVariable();
            scope.Vars[name] = v;
        }

        if (value is not null)
        {
            v.Value = value;
        }

        return v;
    }

    public void Unset(string name)
    {
        for (int i = _scopes.Count - 1; i >= 0; i--)
        {
            if (_scopes[i].Vars.Remove(name))
            {
                return;
            }
        }
    }

    public void PushScope(bool isFunction) => _scopes.Add(new Scope(isFunction));

    /// <summary>A scope of exported bindings for a command's prefix assignments.</summary>
    public void PushTemporary(IEnumerable<KeyValuePair<string, string>> bindings)
    {
        var scope = new Scope(isFunction: false);
        foreach ((string name, string value) in bindings)
        {
            scope.Vars[name] = new ShellVariable { Value = value, Exported = true };
        }

        _scopes.Add(scope);
    }

    public void PopScope() => _scopes.RemoveAt(_scopes.Count - 1);

    /// <summary>What a child process inherits: exported variables that have a value.</summary>
    public Dictionary<string, string> Environment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var hidden = new HashSet<string>(StringComparer.Ordinal);
        for (int i = _scopes.Count - 1; i >= 0; i--)
        {
            foreach ((string name, ShellVariable v) in _scopes[i].Vars)
            {
                if (!hidden.Add(name))
                {
                    continue;
                }

                if (v.Exported && v.Value is not null)
                {
                    env[name] = v.Value;
                }
            }
        }

        return env;
    }

    /// <summary>Every visible variable with a value, for <c>set</c> with no arguments.</summary>
    public SortedDictionary<string, string> All()
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (Scope scope in _scopes)
        {
            foreach ((string name, ShellVariable v) in scope.Vars)
            {
                if (v.Value is null)
                {
                    all.Remove(name);
                }
                else
                {
                    all[name] = v.Value;
                }
            }
        }

        return all;
    }

    /// <summary>A deep copy, restored when a subshell ends.</summary>
    public object Snapshot() => _scopes.Select(s => s.Clone()).ToList();

    public void Restore(object snapshot) => _scopes = (List<Scope>)snapshot;

    private sealed class Scope(bool isFunction)
    {
        public bool IsFunction { get; } = isFunction;

        public Dictionary<string, ShellVariable> Vars { get; } = new(StringComparer.Ordinal);

        public Scope Clone()
        {
            var copy = new Scope(IsFunction);
            foreach ((string name, ShellVariable v) in Vars)
            {
                copy.Vars[name] = v.Clone();
            }

            return copy;
        }
    }
}
