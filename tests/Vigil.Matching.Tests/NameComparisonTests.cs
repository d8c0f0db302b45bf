namespace Vigil.Matching.Tests;

public sealed class NameComparisonTests
{
    private const byte Exact = 0;
    private const byte Close = 1;
    private const byte Variant = 2;
    private const byte Different = 4;

    private static byte Compare(string a, string b)
    {
        var x = Value(a);
        var y = Value(b);
        return Comparisons.Name(x, y);
    }

    private static FieldValue Value(string raw)
    {
        var text = TextNormaliser.NormaliseName(raw, stripPrefixes: true, stripSuffixes: true);
        return RecordEncoder.Create(PersonField.GivenName, text, RecordEncoder.KeyOf(PersonField.GivenName, text));
    }

    [Theory]
    [InlineData("Bill", "William")]
    [InlineData("Peggy", "Margaret")]
    [InlineData("Bob", "Robert")]
    [InlineData("Sasha", "Alexander")]
    public void Name_Nickname_IsVariant(string a, string b) => Assert.Equal(Variant, Compare(a, b));

    [Theory]
    [InlineData("Mohammed", "Muhammad")]
    [InlineData("Mohamed", "Muhammad")]
    [InlineData("Yusuf", "Youssef")]
    [InlineData("Aleksander", "Alexander")]
    [InlineData("Ibrahim", "Ebrahim")]
    public void Name_Transliteration_IsCloseOrVariant(string a, string b) => Assert.InRange(Compare(a, b), Close, Variant);

    [Fact]
    public void Name_CyrillicSpelling_MeetsLatinVariant() => Assert.InRange(Compare("Александр", "Alexander"), Close, Variant);

    [Fact]
    public void Name_SpacedAndJoined_AreExact() => Assert.Equal(Exact, Compare("Abdul Rahman", "Abdulrahman"));

    [Theory]
    [InlineData("Jonathon", "Jonathan")]
    [InlineData("Smyth", "Smith")]
    [InlineData("Catherine", "Cathrine")]
    public void Name_OneTypo_IsClose(string a, string b) => Assert.Equal(Close, Compare(a, b));

    [Fact]
    public void Name_Unrelated_IsDifferent() => Assert.Equal(Different, Compare("Oliver", "Grace"));

    [Fact]
    public void Name_InitialAgainstName_IsSimilar() => Assert.Equal(3, Compare("J", "John"));

    [Fact]
    public void NameVariants_Table_IsLoadedFromData()
    {
        var variants = ReferenceData.NameVariants;
        Assert.True(variants.Canonical.Count > 250);
        Assert.True(NameVariants.Share(variants.GroupsOf("bill"), variants.GroupsOf("william")));
        Assert.False(NameVariants.Share(variants.GroupsOf("bill"), variants.GroupsOf("margaret")));
    }

    [Fact]
    public void Swap_GivenAndSurname_AreComparedCrosswise()
    {
        var a = People.Person("a", given: "Isla", surname: "Hall");
        var b = People.Person("b", given: "Hall", surname: "Isla");
        var (_, cells) = People.Encode([a, b]);
        var fields = new[] { PersonField.GivenName, PersonField.Surname };
        var comparer = new PairComparer(fields);
        var levels = new byte[comparer.Width];
        comparer.Compare(cells.AsSpan(0, RecordEncoder.FieldCount), cells.AsSpan(RecordEncoder.FieldCount, RecordEncoder.FieldCount), levels);
        Assert.Equal([Exact, Exact, PairComparer.Swapped], levels);
    }

    [Fact]
    public void SingleName_StoredAsGiven_MeetsTheOthersSurname()
    {
        var a = People.Person("a", given: "George", surname: null);
        var b = People.Person("b", given: "Owen", surname: "George");
        var (_, cells) = People.Encode([a, b]);
        var comparer = new PairComparer([PersonField.GivenName, PersonField.Surname]);
        var levels = new byte[comparer.Width];
        comparer.Compare(cells.AsSpan(0, RecordEncoder.FieldCount), cells.AsSpan(RecordEncoder.FieldCount, RecordEncoder.FieldCount), levels);
        Assert.Equal(Comparisons.Null, levels[0]);
        Assert.Equal(Exact, levels[1]);
    }
}
