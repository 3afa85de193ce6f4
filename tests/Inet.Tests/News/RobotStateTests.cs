using Inet.News.Robot;

namespace Inet.Tests.News;

public class RobotStateTests
{
    [Fact]
    public void MarkDone_OutOfOrder_FoldsContiguousRuns()
    {
        var g = new GroupState { Done = 10 };
        g.MarkDone(12);
        g.MarkDone(13);
        Assert.Equal(10, g.Done);
        Assert.True(g.IsDone(12));
        Assert.False(g.IsDone(11));
        g.MarkDone(11);
        Assert.Equal(13, g.Done);
        Assert.Empty(g.DoneAbove);
    }

    [Fact]
    public void MarkDoneThrough_AbsorbsLaterRun()
    {
        var g = new GroupState();
        g.MarkDone(6);
        g.MarkDone(7);
        g.MarkDoneThrough(5);
        Assert.Equal(7, g.Done);
    }

    [Fact]
    public void SaveLoad_RoundTrips_AndLeavesNoTempFiles()
    {
        var dir = Directory.CreateTempSubdirectory();
        try
        {
            var path = Path.Combine(dir.FullName, "state", "state.json");
            var state = new RobotState();
            var g = state.For("News.Example", 119, "alt.test");
            g.MarkDoneThrough(100);
            g.MarkDone(105);
            g.HighWater = 120;
            RobotStateStore.Save(state, path);
            RobotStateStore.Save(state, path);
            var loaded = RobotStateStore.Load(path);
            var back = loaded.For("news.example", 119, "alt.test");
            Assert.Equal((100L, 120L), (back.Done, back.HighWater));
            Assert.Equal([105L], back.DoneAbove);
            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Load_Missing_IsEmpty() => Assert.Empty(RobotStateStore.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))).Groups);
}
