namespace Inet.Core;

/// <summary>Reads ~/.netrc: "machine HOST login USER password PASS" entries and a "default" entry.</summary>
public static class Netrc
{
    /// <summary>Finds the login and password for <paramref name="host"/>, or null.</summary>
    public static (string? Login, string? Password)? Find(string netrcText, string host)
    {
        var tokens = Tokenize(netrcText);
        (string? Login, string? Password)? fallback = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var isMachine = tokens[i] == "machine" && i + 1 < tokens.Count;
            var isDefault = tokens[i] == "default";
            if (!isMachine && !isDefault)
                continue;
            var name = isMachine ? tokens[++i] : null;
            string? login = null, password = null;
            while (i + 1 < tokens.Count && tokens[i + 1] is not ("machine" or "default"))
            {
                i++;
                if (tokens[i] == "macdef") break;
                if (i + 1 >= tokens.Count) break;
                switch (tokens[i])
                {
                    case "login": login = tokens[++i]; break;
                    case "password": password = tokens[++i]; break;
                    case "account": i++; break;
                }
            }
            if (isMachine && string.Equals(name, host, StringComparison.OrdinalIgnoreCase))
                return (login, password);
            if (isDefault)
                fallback = (login, password);
        }
        return fallback;
    }

    /// <summary>The user's netrc file: $NETRC, else ~/.netrc.</summary>
    public static string DefaultPath() =>
        Environment.GetEnvironmentVariable("NETRC") is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".netrc");

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            if (text[i] == '#') { while (i < text.Length && text[i] != '\n') i++; continue; }
            if (text[i] == '"')
            {
                var end = text.IndexOf('"', i + 1);
                if (end < 0) end = text.Length;
                tokens.Add(text[(i + 1)..end]);
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            tokens.Add(text[start..i]);
        }
        return tokens;
    }
}
