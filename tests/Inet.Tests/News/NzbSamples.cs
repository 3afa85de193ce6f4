namespace Inet.Tests.News;

/// <summary>NZB texts shaped like what indexers and posting tools produce.</summary>
internal static class NzbSamples
{
    public const string Header = """
        <?xml version="1.0" encoding="iso-8859-1" ?>
        <!DOCTYPE nzb PUBLIC "-//newzBin//DTD NZB 1.1//EN" "http://www.newzbin.com/DTD/nzb/nzb-1.1.dtd">
        """;

    /// <summary>Two files, meta, entities in attributes, a Latin-1 character, angle-bracketed ids.</summary>
    public const string TwoFiles = Header + """

        <nzb xmlns="http://www.newzbin.com/DTD/2003/nzb">
          <head>
            <meta type="title">Big Buck Bunny &amp; friends</meta>
            <meta type="password">s3cr&lt;t</meta>
            <meta type="category">TV &gt; HD</meta>
            <meta type="tag">HD</meta>
            <meta type="tag">Café</meta>
          </head>
          <file poster="Joe Bloggs &lt;bloggs@nowhere.example&gt;" date="1071674882" subject="[1/2] - &quot;bunny.mkv&quot; yEnc (1/3)">
            <groups>
              <group>alt.binaries.test</group>
              <group> alt.binaries.misc </group>
            </groups>
            <segments>
              <segment bytes="768000" number="2">part2of3.abc@news.example</segment>
              <segment bytes="768000" number="1">&lt;part1of3.abc@news.example&gt;</segment>
              <segment bytes="12345" number="3">
                part3of3.abc@news.example
              </segment>
            </segments>
          </file>
          <file poster="poster@example.com" date="1071674890" subject="[2/2] - &quot;bunny.mkv.par2&quot; yEnc (1/1)">
            <groups><group>alt.binaries.test</group></groups>
            <segments><segment bytes="4501" number="1">par2.xyz@news.example</segment></segments>
          </file>
        </nzb>
        """;

    public static MemoryStream Latin1(string text) => new(System.Text.Encoding.Latin1.GetBytes(text));

    public static MemoryStream Utf8(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>A minimal NZB around one file's segment elements.</summary>
    public static string WithSegments(string segments, string subject = "&quot;f.bin&quot; yEnc (1/1)") => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <nzb xmlns="http://www.newzbin.com/DTD/2003/nzb">
          <file poster="p" date="1" subject="{subject}">
            <groups><group>a.b.c</group></groups>
            <segments>
        {segments}
            </segments>
          </file>
        </nzb>
        """;
}
