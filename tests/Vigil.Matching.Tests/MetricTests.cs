namespace Vigil.Matching.Tests;

public sealed class MetricTests
{
    [Theory]
    [InlineData("martha", "marhta", 0.961)]
    [InlineData("dwayne", "duane", 0.840)]
    [InlineData("dixon", "dicksonx", 0.813)]
    [InlineData("abc", "xyz", 0.0)]
    public void JaroWinkler_KnownPairs_MatchPublishedValues(string a, string b, double expected) =>
        Assert.Equal(expected, StringMetrics.JaroWinkler(a, b), 3);

    [Fact]
    public void JaroWinkler_LongStrings_UseTheSlowPathAlike()
    {
        var a = new string('a', 40) + "bcdefghijklmnopqrstuvwxyz" + new string('z', 10);
        var b = new string('a', 41) + "bcdefghijklmnopqrstuvwxy";
        var jw = StringMetrics.JaroWinkler(a, b);
        Assert.InRange(jw, 0.9, 1.0);
    }

    [Theory]
    [InlineData("Robert", "R163")]
    [InlineData("Rupert", "R163")]
    [InlineData("Ashcraft", "A261")]
    [InlineData("Tymczak", "T522")]
    [InlineData("Pfister", "P236")]
    [InlineData("Lee", "L000")]
    public void Soundex_KnownNames_HaveTheirCodes(string name, string code) =>
        Assert.Equal(code, Phonetic.SoundexText(Phonetic.Soundex(TextNormaliser.JoinedKey(name))));

    [Fact]
    public void Osa_AgreesWithTheTextbookAlgorithm() =>
        Gen.Select(Gen.String[Gen.Char['a', 'e'], 0, 12], Gen.String[Gen.Char['a', 'e'], 0, 12], Gen.Int[0, 3])
            .Sample((a, b, max) =>
            {
                var expected = Math.Min(Naive(a, b), max + 1);
                return StringMetrics.Osa(a, b, max) == expected;
            }, iter: 3000);

    [Fact]
    public void JaroWinkler_IsSymmetricAndBounded() =>
        Gen.Select(Gen.String[Gen.Char['a', 'f'], 0, 70], Gen.String[Gen.Char['a', 'f'], 0, 70])
            .Sample((a, b) =>
            {
                var x = StringMetrics.JaroWinkler(a, b);
                var y = StringMetrics.JaroWinkler(b, a);
                return Math.Abs(x - y) < 1e-12 && x is >= 0 and <= 1 + 1e-12;
            }, iter: 2000);

    private static int Naive(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
