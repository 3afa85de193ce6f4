namespace Inet.Codecs.Yenc;

/// <summary>Compile-time switch for dot-stuffed (raw NNTP) input, so the JIT builds one loop per mode.</summary>
internal interface IYencDecodeMode
{
    /// <summary>True when input is the dot-stuffed NNTP body.</summary>
    static abstract bool IsRaw { get; }

    /// <summary>Dot-stuffed NNTP body: unstuff dots and stop at CRLF.CRLF.</summary>
    public readonly struct Raw : IYencDecodeMode
    {
        public static bool IsRaw => true;
    }

    /// <summary>Body already unstuffed.</summary>
    public readonly struct Plain : IYencDecodeMode
    {
        public static bool IsRaw => false;
    }
}
