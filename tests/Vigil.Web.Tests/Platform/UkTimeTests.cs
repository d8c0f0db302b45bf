using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Tests.Platform;

public sealed class UkTimeTests
{
    [Fact]
    public void Full_InWinter_IsGmt_AndInSummer_IsBstAnHourAhead()
    {
        Assert.Equal("3 December 2026 14:05 GMT", UkTime.Full(new DateTimeOffset(2026, 12, 3, 14, 5, 0, TimeSpan.Zero)));
        Assert.Equal("1 July 2026 15:05 BST", UkTime.Full(new DateTimeOffset(2026, 7, 1, 14, 5, 0, TimeSpan.Zero)));
        Assert.Equal("1 Jul 2026 15:05 BST", UkTime.Brief(new DateTimeOffset(2026, 7, 1, 14, 5, 0, TimeSpan.Zero)));
        Assert.Equal("2026-07-01 15:05:09 BST", UkTime.Exact(new DateTimeOffset(2026, 7, 1, 14, 5, 9, TimeSpan.Zero)));
    }

    [Fact]
    public void TryRead_AFormsTime_IsUkTime_StoredInUtc()
    {
        Assert.True(UkTime.TryRead("2026-07-01T15:05", out var summer));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 14, 5, 0, TimeSpan.Zero), summer);
        Assert.True(UkTime.TryRead("2026-12-03T14:05", out var winter));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 14, 5, 0, TimeSpan.Zero), winter);
    }

    [Fact]
    public void TryRead_ATimeTheClocksSkip_IsRefused_AndARepeatedHourIsTheFirst()
    {
        // 29 March 2026: 01:00 GMT becomes 02:00 BST, so 01:30 never happens.
        Assert.False(UkTime.TryRead("2026-03-29T01:30", out _));
        // 25 October 2026: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice; the first is 00:30 UTC.
        Assert.True(UkTime.TryRead("2026-10-25T01:30", out var repeated));
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), repeated);
        Assert.False(UkTime.TryRead("yesterday", out _));
    }
}
