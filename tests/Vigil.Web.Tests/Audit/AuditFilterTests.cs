using Vigil.Web.Platform.Audit;
using Vigil.Web.Platform.Ui;

namespace Vigil.Web.Tests.Audit;

/// <summary>The filter's own rules: UK days, a range that runs forwards, and how it is written to the log.</summary>
public sealed class AuditFilterTests
{
    [Fact]
    public void DayStarts_InSummer_IsMidnightBst()
    {
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero), UkTime.DayStarts(new DateOnly(2026, 7, 1)));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), UkTime.DayStarts(new DateOnly(2026, 12, 1)));
        // The day the clocks go forward begins before they do.
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero), UkTime.DayStarts(new DateOnly(2026, 3, 29)));
    }

    [Fact]
    public void Validate_ToBeforeFrom_NamesTo()
    {
        var errors = new AuditFilter(From: new DateOnly(2026, 11, 28), To: new DateOnly(2026, 11, 27)).Validate();
        Assert.Equal(["to"], errors.Keys);
        Assert.Empty(new AuditFilter(From: new DateOnly(2026, 11, 28), To: new DateOnly(2026, 11, 28)).Validate());
    }

    [Fact]
    public void Describe_GivenValues_NamesOnlyThose()
    {
        Assert.Equal("no filter", new AuditFilter().Describe());
        Assert.Equal("user \"a@b.example\" action \"read\" from \"2026-11-01\" up to entry \"42\"",
            new AuditFilter(User: "a@b.example", Action: "read", From: new DateOnly(2026, 11, 1), UpTo: 42).Describe());
    }
}
