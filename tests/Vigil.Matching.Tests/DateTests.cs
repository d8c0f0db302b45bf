namespace Vigil.Matching.Tests;

public sealed class DateTests
{
    private static byte Level(string a, string b) => Comparisons.Date(PartialDate.Parse(a).Packed, PartialDate.Parse(b).Packed);

    [Fact]
    public void Date_Same_IsExact() => Assert.Equal(0, Level("1980-05-17", "17/05/1980"));

    [Fact]
    public void Date_DayMonthSwapped_IsLevelOne() => Assert.Equal(1, Level("1980-05-07", "1980-07-05"));

    [Fact]
    public void Date_OneDigitTypo_IsLevelOne() => Assert.Equal(1, Level("1961-05-17", "1971-05-17"));

    [Fact]
    public void Date_AdjacentDigitsTransposed_IsLevelOne() => Assert.Equal(1, Level("1980-05-17", "1980-05-71"));

    [Fact]
    public void Date_YearSlip_IsTwoOfThree() => Assert.Equal(2, Level("1969-12-30", "1970-12-30"));

    [Fact]
    public void Date_WithinTwoYears_IsLevelThree() => Assert.Equal(3, Level("1980-05-17", "1981-09-02"));

    [Fact]
    public void Date_YearsApart_IsDifferent() => Assert.Equal(4, Level("1980-05-17", "1973-11-02"));

    [Fact]
    public void Date_AGenerationApart_IsItsOwnLevel() => Assert.Equal(5, Level("1980-05-17", "1955-11-02"));

    [Fact]
    public void Date_YearOnly_AgreesOnKnownParts() => Assert.Equal(2, Level("1980", "1980-05-17"));

    [Theory]
    [InlineData("1980-05-17", 1980, 5, 17)]
    [InlineData("19800517", 1980, 5, 17)]
    [InlineData("17/05/1980", 1980, 5, 17)]
    [InlineData("17.05.1980", 1980, 5, 17)]
    [InlineData("1980-05", 1980, 5, 0)]
    [InlineData("05/1980", 1980, 5, 0)]
    [InlineData("1980", 1980, 0, 0)]
    [InlineData("1980-??-17", 1980, 0, 17)]
    [InlineData("19800000", 1980, 0, 0)]
    [InlineData("1980-05-17T10:20:00Z", 1980, 5, 17)]
    public void TryParse_KnownFormats_AreRead(string text, int year, int month, int day)
    {
        Assert.True(PartialDate.TryParse(text, out var date));
        Assert.Equal(new PartialDate(year, month, day), date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("17/05/80")]
    [InlineData("2024-13-45-1")]
    [InlineData("--")]
    public void TryParse_NotADate_IsFalse(string text) => Assert.False(PartialDate.TryParse(text, out _));

    [Fact]
    public void ImpossibleDate_IsKeptAndComparedByItsDigits()
    {
        var wrong = PartialDate.Parse("1850-81-01");
        Assert.False(wrong.IsValid);
        Assert.Equal(1, Comparisons.Date(wrong.Packed, PartialDate.Parse("1850-01-01").Packed));
    }

    [Fact]
    public void ThirtyFirstOfFebruary_IsNotValid() => Assert.False(PartialDate.Parse("2001-02-31").IsValid);
}
