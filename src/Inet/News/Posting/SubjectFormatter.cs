using System.Globalization;

namespace Inet.News.Posting;

/// <summary>
/// The conventional binary subjects: <c>[text ][[i/M] - ]"name" yEnc (n/N)</c> for yEnc and
/// the same without <c>yEnc</c> for uu and MIME. The name is quoted so <see cref="SubjectParser"/> finds it.
/// </summary>
internal static class SubjectFormatter
{
    public static string Format(BinaryPostOptions options, PostFile file, int part, int total)
    {
        var inv = CultureInfo.InvariantCulture;
        var prefix = string.IsNullOrWhiteSpace(options.Subject) ? "" : options.Subject.Trim() + " ";
        var counter = file.Count > 1 ? string.Create(inv, $"[{file.Index}/{file.Count}] - ") : "";
        var marker = options.Encoding == PostEncoding.Yenc ? " yEnc" : "";
        return string.Create(inv, $"{prefix}{counter}\"{file.Name}\"{marker} ({part}/{total})");
    }
}
