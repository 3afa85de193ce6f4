using System.Globalization;

namespace Inet.Tests.Fakes;

/// <summary>Commands on names and folders: PWD, CWD, CDUP, MKD, RMD, DELE, RNFR/RNTO, SIZE, MDTM, MFMT, MLST.</summary>
internal sealed partial class FakeFtpSession
{
    private string? _renameFrom;

    /// <summary>Answers a command of this family; false when <paramref name="verb"/> is not one.</summary>
    private async Task<bool> HandleFileCommandAsync(string verb, string argument)
    {
        Task? reply = verb switch
        {
            "PWD" or "XPWD" => ReplyAsync(257, $"\"{_cwd.Replace("\"", "\"\"", StringComparison.Ordinal)}\" is the current directory"),
            "CWD" => ChangeFolderAsync(argument),
            "CDUP" => ChangeFolderAsync(".."),
            "MKD" => MakeFolderAsync(argument),
            "RMD" => RemoveAsync(argument, folder: true),
            "DELE" => RemoveAsync(argument, folder: false),
            "RNFR" => RenameFromAsync(argument),
            "RNTO" => RenameToAsync(argument),
            "SIZE" => FileFactAsync(FakeFtpFeatures.Size, argument, node => node.Content.Length.ToString(CultureInfo.InvariantCulture)),
            "MDTM" => FileFactAsync(FakeFtpFeatures.Mdtm, argument, node => FakeFtpListing.Time(node.Modified)),
            "MFMT" => SetTimeAsync(argument),
            "MLST" => MlstAsync(argument),
            _ => null,
        };
        if (reply is null)
            return false;
        await reply;
        return true;
    }

    private Task ChangeFolderAsync(string path)
    {
        lock (Tree.Gate)
        {
            if (Tree.Resolve(_cwd, path) is not { Kind: FakeFtpNodeKind.Folder } folder)
                return ReplyAsync(550, "Failed to change directory.");
            _cwd = folder.Path;
        }
        return ReplyAsync(250, "Directory successfully changed.");
    }

    private Task MakeFolderAsync(string path)
    {
        FakeFtpNode created;
        lock (Tree.Gate)
        {
            if (Tree.ResolveParent(_cwd, path, out var name) is not { } parent || parent.Children.ContainsKey(name))
                return ReplyAsync(550, "Create directory operation failed.");
            created = FakeFtpTree.AddChild(parent, name, FakeFtpNodeKind.Folder);
            created.Modified = Now();
        }
        return ReplyAsync(257, $"\"{created.Path.Replace("\"", "\"\"", StringComparison.Ordinal)}\" created");
    }

    private Task RemoveAsync(string path, bool folder)
    {
        lock (Tree.Gate)
        {
            var node = Tree.Resolve(_cwd, path, followLast: false);
            var fits = folder ? node is { Kind: FakeFtpNodeKind.Folder, Children.Count: 0, Parent: not null }
                : node is { Kind: not FakeFtpNodeKind.Folder };
            if (!fits)
                return ReplyAsync(550, folder ? "Remove directory operation failed." : "Delete operation failed.");
            node!.Parent!.Children.Remove(node.Name);
        }
        return ReplyAsync(250, folder ? "Remove directory operation successful." : "Delete operation successful.");
    }

    private Task RenameFromAsync(string path)
    {
        lock (Tree.Gate)
        {
            if (Tree.Resolve(_cwd, path, followLast: false) is not { Parent: not null })
                return ReplyAsync(550, "RNFR command failed.");
        }
        _renameFrom = path;
        return ReplyAsync(350, "Ready for RNTO.");
    }

    /// <summary>Moves the RNFR entry; an existing file of the new name is replaced, as rename(2) does.</summary>
    private Task RenameToAsync(string path)
    {
        var from = _renameFrom;
        _renameFrom = null;
        if (from is null)
            return ReplyAsync(503, "RNFR required first.");
        lock (Tree.Gate)
        {
            var node = Tree.Resolve(_cwd, from, followLast: false);
            var parent = Tree.ResolveParent(_cwd, path, out var name);
            if (node is null || parent is null || (parent.Children.TryGetValue(name, out var existing) && existing.Kind == FakeFtpNodeKind.Folder))
                return ReplyAsync(550, "Rename failed.");
            node.Parent!.Children.Remove(node.Name);
            node.Name = name;
            node.Parent = parent;
            parent.Children[name] = node;
        }
        return ReplyAsync(250, "Rename successful.");
    }

    private Task FileFactAsync(FakeFtpFeatures feature, string path, Func<FakeFtpNode, string> fact)
    {
        if (!Offers(feature))
            return ReplyAsync(502, "Command not implemented.");
        lock (Tree.Gate)
        {
            if (Tree.Resolve(_cwd, path) is { Kind: FakeFtpNodeKind.File } node)
                return ReplyAsync(213, fact(node));
        }
        return ReplyAsync(550, "Could not get file information.");
    }

    /// <summary>MFMT YYYYMMDDHHMMSS path.</summary>
    private Task SetTimeAsync(string argument)
    {
        if (!Offers(FakeFtpFeatures.Mfmt))
            return ReplyAsync(502, "Command not implemented.");
        var space = argument.IndexOf(' ', StringComparison.Ordinal);
        if (space != 14 || !DateTime.TryParseExact(argument[..space], "yyyyMMddHHmmss", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            return ReplyAsync(501, "Bad time.");
        var path = argument[(space + 1)..];
        lock (Tree.Gate)
        {
            if (Tree.Resolve(_cwd, path) is not { Kind: FakeFtpNodeKind.File } node)
                return ReplyAsync(550, "Could not set file modification time.");
            node.Modified = new DateTimeOffset(time, TimeSpan.Zero);
        }
        return ReplyAsync(213, $"Modify={argument[..space]}; {path}");
    }

    private Task MlstAsync(string path)
    {
        if (!Offers(FakeFtpFeatures.Mlst))
            return ReplyAsync(502, "Command not implemented.");
        string line;
        lock (Tree.Gate)
        {
            var target = path.Length == 0 ? _cwd : path;
            if (Tree.Resolve(_cwd, target, followLast: _server.ListingsFollowLinks) is not { } node)
                return ReplyAsync(550, "No such file or directory.");
            line = FakeFtpListing.Mlsd(FakeFtpListing.Of(FakeFtpTree.Absolute(_cwd, target), node));
        }
        return ReplyLinesAsync(250, "Listing " + path, [line], "End");
    }

    private DateTimeOffset Now()
    {
        var now = _server.Clock();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
