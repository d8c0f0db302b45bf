namespace Vigil.Matching.Tests;

public sealed class NormalisationTests
{
    [Theory]
    [InlineData("José Ñúñez", "jose nunez")]
    [InlineData("Zoë Brontë", "zoe bronte")]
    [InlineData("Łukasz Żółć", "lukasz zolc")]
    [InlineData("Søren Kierkegaard", "soren kierkegaard")]
    [InlineData("Straße", "strasse")]
    public void Normalise_Diacritics_AreRemoved(string raw, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(raw));

    [Fact]
    public void Normalise_CaseAndPunctuation_AreIgnored() =>
        Assert.Equal("mary ann smith", TextNormaliser.Normalise("  MARY-ANN  Smith!! "));

    [Fact]
    public void Normalise_Apostrophes_JoinTheName()
    {
        Assert.Equal("obrien", TextNormaliser.Normalise("O'Brien"));
        Assert.Equal("obrien", TextNormaliser.Normalise("O’Brien"));
    }

    [Fact]
    public void JoinedKey_HyphensAndSpaces_AreOneName()
    {
        Assert.Equal("abdulrahman", TextNormaliser.JoinedKey("Abdul Rahman"));
        Assert.Equal("abdulrahman", TextNormaliser.JoinedKey("Abdul-Rahman"));
        Assert.Equal("abdulrahman", TextNormaliser.JoinedKey("ABDULRAHMAN"));
    }

    [Theory]
    [InlineData("Dr John", "john")]
    [InlineData("Mr. J. Smith", "j smith")]
    [InlineData("Rt Hon Sir Keir", "keir")]
    [InlineData("Mr", "mr")]
    public void NormaliseName_Titles_AreRemoved(string raw, string expected) =>
        Assert.Equal(expected, TextNormaliser.NormaliseName(raw, stripPrefixes: true, stripSuffixes: false));

    [Fact]
    public void NormaliseName_GenerationalSuffixes_AreRemoved() =>
        Assert.Equal("smith", TextNormaliser.NormaliseName("Smith Jr.", stripPrefixes: false, stripSuffixes: true));

    [Theory]
    [InlineData("Александр", "aleksandr")]
    [InlineData("Дмитрий Шостакович", "dmitriy shostakovich")]
    [InlineData("Νίκος", "nikos")]
    public void Normalise_CyrillicAndGreek_AreTransliterated(string raw, string expected) =>
        Assert.Equal(expected, TextNormaliser.Normalise(raw));

    [Theory]
    [InlineData("محمد")]
    [InlineData("王小明")]
    [InlineData("😀 Smith")]
    public void Normalise_OtherScripts_AreKeptComparable(string raw)
    {
        var once = TextNormaliser.Normalise(raw);
        Assert.NotEmpty(once);
        Assert.Equal(once, TextNormaliser.Normalise(raw.ToUpperInvariant()));
    }

    [Fact]
    public void Normalise_TenThousandCharacters_IsCut()
    {
        var raw = new string('a', 10_000);
        Assert.Equal(TextNormaliser.MaxTextLength, TextNormaliser.Normalise(raw).Length);
        Assert.Equal(TextNormaliser.MaxNameLength, TextNormaliser.NormaliseName(raw, true, true).Length);
    }

    [Theory]
    [InlineData("M", "m")]
    [InlineData("male", "m")]
    [InlineData("Female", "f")]
    [InlineData("unknown", "")]
    [InlineData("", "")]
    public void Gender_CommonSpellings_AreCanonical(string raw, string expected) =>
        Assert.Equal(expected, TextNormaliser.Gender(raw));

    [Fact]
    public void FullName_CommaFirst_IsSurnameFirst()
    {
        var texts = new string[RecordEncoder.FieldCount];
        RecordEncoder.Normalise(new PersonRecord { Id = "1", FullName = "Smith, John Paul" }, texts);
        Assert.Equal("john", texts[(int)PersonField.GivenName]);
        Assert.Equal("paul", texts[(int)PersonField.MiddleNames]);
        Assert.Equal("smith", texts[(int)PersonField.Surname]);
    }

    [Fact]
    public void FullName_WithTitle_IsSplitIntoParts()
    {
        var texts = new string[RecordEncoder.FieldCount];
        RecordEncoder.Normalise(new PersonRecord { Id = "1", FullName = "Dr Mary Ann Jones" }, texts);
        Assert.Equal("mary", texts[(int)PersonField.GivenName]);
        Assert.Equal("ann", texts[(int)PersonField.MiddleNames]);
        Assert.Equal("jones", texts[(int)PersonField.Surname]);
    }
}
