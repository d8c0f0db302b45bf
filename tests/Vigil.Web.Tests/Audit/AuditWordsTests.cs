using System.Reflection;
using Vigil.Web.Platform.Audit;

namespace Vigil.Web.Tests.Audit;

/// <summary>Every action and outcome the code writes has the words an auditor reads.</summary>
public sealed class AuditWordsTests
{
    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true, IsInitOnly: false } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public void Actions_EveryConstant_HasWords()
    {
        var actions = Constants(typeof(AuditActions)).ToList();
        Assert.NotEmpty(actions);
        Assert.Equal([], actions.Where(a => !AuditWords.Actions.ContainsKey(a)));
        Assert.Equal(actions.Count, actions.Distinct().Count());
    }

    [Fact]
    public void Outcomes_EveryConstant_HasWords()
    {
        var outcomes = Constants(typeof(AuditOutcomes)).ToList();
        Assert.Equal([], outcomes.Where(o => !AuditWords.Outcomes.ContainsKey(o)));
    }

    [Fact]
    public void Words_NoSpareEntries_EachIsAConstant()
    {
        Assert.Equal([], AuditWords.Actions.Keys.Except(Constants(typeof(AuditActions))));
        Assert.Equal([], AuditWords.Outcomes.Keys.Except(Constants(typeof(AuditOutcomes))));
    }

    [Fact]
    public void Action_Known_ReadsInWords()
    {
        Assert.Equal("Signed in", AuditWords.Action(AuditActions.SignIn));
        Assert.Equal("Ran a deconfliction check", AuditWords.Action(AuditActions.DeconflictionCheck));
        Assert.Equal("Denied", AuditWords.Outcome(AuditOutcomes.Denied));
        Assert.Equal("written-before-words", AuditWords.Action("written-before-words"));
    }
}
