using Vigil.Web.Platform.Search;

namespace Vigil.Web.Tests.Platform;

/// <summary>What fuzzing found (bench/Vigil.Fuzz, docs/benchmarks.md "Fuzzing"), each fed exactly the input
/// that crashed, so that it stays fixed. (Facts, not theories: a theory's data is serialised, and a lone
/// surrogate does not survive that.)</summary>
public sealed class FuzzFindingsTests
{
    // Target search, its first crash: the bytes 73 40 ED A0 80, "s@" and half of a surrogate pair. String.Normalize
    // threw ArgumentException ("String contains invalid Unicode code points").
    [Fact]
    public void SearchTerms_Read_WithHalfASurrogatePair_ReadsTheWordsAroundIt()
    {
        var (terms, problem) = SearchTerms.Read("s@\ud800");
        Assert.Null(problem);
        Assert.Equal(["s"], terms!.Clauses.SelectMany(c => c.AnyOf).SelectMany(p => p.Words));
    }

    [Fact]
    public void SearchTerms_WordsOf_HalfASurrogatePair_SeparatesWords()
    {
        Assert.Equal(["kestrel", "osprey"], SearchTerms.WordsOf("kestrel\udc00osprey"));
        Assert.Equal(["trailing"], SearchTerms.WordsOf("trailing \ud83d"));
        Assert.Equal(["smile", "whole"], SearchTerms.WordsOf("smile \ud83d\ude00 whole"));
    }
}
