using Inet.Core;

namespace Inet.Tests.Core;

public class EarlyWritebackTests
{
    [Fact]
    public async Task WhileWriting_FileStaysByteExact_AndAClosedFileBeforeTheStopIsHarmless()
    {
        var path = Path.GetTempFileName();
        try
        {
            var data = Enumerable.Range(0, 4 << 20).Select(i => (byte)(i * 7)).ToArray();
            IDisposable writeback;
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous))
            {
                writeback = EarlyWriteback.Start(file.SafeFileHandle, TimeSpan.FromMilliseconds(5));
                for (var offset = 0; offset < data.Length; offset += 1 << 18)
                {
                    await file.WriteAsync(data.AsMemory(offset, 1 << 18));
                    await Task.Delay(2);
                }
                file.Flush(flushToDisk: true);
            }
            await Task.Delay(30); // the timer fires on a closed handle
            writeback.Dispose();

            Assert.Equal(data, await File.ReadAllBytesAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
