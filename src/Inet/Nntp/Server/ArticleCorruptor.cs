namespace Inet.Nntp.Server;

/// <summary>
/// Fault injection: returns a copy of an article block with one byte changed in the middle of
/// the first body line that is not a yEnc control line (=ybegin/=ypart/=yend), so the line
/// structure and dot-stuffing stay valid but the decoded data and its CRC do not match.
/// </summary>
internal static class ArticleCorruptor
{
    public static byte[] Corrupt(ReadOnlyMemory<byte> block, int bodyOffset)
    {
        byte[] copy = block.ToArray();
        int position = bodyOffset;
        while (position < copy.Length)
        {
            int lf = Array.IndexOf(copy, (byte)'\n', position);
            int end = lf < 0 ? copy.Length : lf;
            int contentEnd = end > position && copy[end - 1] == (byte)'\r' ? end - 1 : end;
            int length = contentEnd - position;
            bool control = length >= 2 && copy[position] == (byte)'=' && copy[position + 1] == (byte)'y';
            if (!control && length >= 3)
            {
                int target = position + length / 2;
                copy[target] = copy[target] == (byte)'A' ? (byte)'B' : (byte)'A';
                return copy;
            }
            position = end + 1;
        }
        return copy;
    }
}
