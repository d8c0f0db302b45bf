using System.Reflection;
using System.Reflection.Emit;

namespace Vigil.Web.Tests.Architecture;

/// <summary>
/// The boundaries of docs/architecture.md, checked on the compiled code (signatures and method bodies):
/// Platform knows nothing of the modules; a module uses only Platform, Network (every record is owned by
/// a unit) and Subjects, never another module's internals.
/// </summary>
public sealed class ModuleBoundaryTests
{
    private const string Root = "Vigil.Web.";
    private static readonly string[] SharedModules = ["Platform", "Network", "Subjects"];

    [Fact]
    public void Platform_ReferencesNoModule()
    {
        var offences = References().Where(r => r.From == "Platform" && r.To != "Platform").Select(r => r.ToString()).Distinct().ToList();
        Assert.True(offences.Count == 0, string.Join("\n", offences));
    }

    /// <summary>A module that builds on another beyond the shared three, by design: ACT's triage makes intelligence reports
    /// and Prevent referrals through those modules' own use cases (issue 15), and uses nothing else of theirs; Prepare
    /// deploys military support to Protect's sites, chosen from Protect's register (issue 16).</summary>
    private static readonly Dictionary<string, string[]> BuildsOn = new() { ["Reporting"] = ["Intelligence", "Prevent"], ["Prepare"] = ["Protect"] };

    [Fact]
    public void Modules_ReferenceOnlyPlatformNetworkAndSubjects()
    {
        var offences = References().Where(r => r.From != "Platform" && r.From != r.To && !SharedModules.Contains(r.To)
                && !(BuildsOn.TryGetValue(r.From, out var more) && more.Contains(r.To)))
            .Select(r => r.ToString()).Distinct().ToList();
        Assert.True(offences.Count == 0, string.Join("\n", offences));
    }

    /// <summary>What Network and Subjects publish for the other modules: the only types of theirs another module
    /// may name. Everything else in them (their use cases' internals, configurations, seeds, pages) is their own.</summary>
    private static readonly Dictionary<string, HashSet<string>> Published = new()
    {
        // Every record is owned by a unit, and partners are agencies: the directory's two entities.
        ["Network"] = ["Vigil.Web.Network.Unit", "Vigil.Web.Network.UnitKind", "Vigil.Web.Network.PartnerAgency",
            // The network's table of regional units and their forces (ACT routes a report by its force).
            "Vigil.Web.Network.NetworkReferenceData", "Vigil.Web.Network.NetworkReferenceData+RegionalUnit"],
        ["Subjects"] =
        [
            // People: the record (read through the access filter), its use cases and their requests and answers.
            "Vigil.Web.Subjects.Subject", "Vigil.Web.Subjects.SubjectRecords", "Vigil.Web.Subjects.SubjectRequest", "Vigil.Web.Subjects.SubjectCreation",
            "Vigil.Web.Subjects.SubjectDto", "Vigil.Web.Subjects.SubjectDetailsDto", "Vigil.Web.Subjects.AddressDetail", "Vigil.Web.Subjects.WarningDetail",
            "Vigil.Web.Subjects.WarningMarker", "Vigil.Web.Subjects.WarningKind", "Vigil.Web.Subjects.Gender", "Vigil.Web.Subjects.DateOfBirthAccuracy",
            // Finding people by name through the name-word index, as the subject list does (SubjectNameToken.Matching).
            "Vigil.Web.Subjects.SubjectNameToken",
            // Deconfliction: the check, its question and answer, and what a module says a person is involved in.
            "Vigil.Web.Subjects.Deconfliction.DeconflictionService", "Vigil.Web.Subjects.Deconfliction.DeconflictionRequest",
            "Vigil.Web.Subjects.Deconfliction.PersonQuery", "Vigil.Web.Subjects.Deconfliction.DeconflictionResult",
            "Vigil.Web.Subjects.Deconfliction.DeconflictionHit", "Vigil.Web.Subjects.Deconfliction.DeconflictionSubject",
            "Vigil.Web.Subjects.Deconfliction.ISubjectInvolvement", "Vigil.Web.Subjects.Deconfliction.MatchBand",
        ],
        // What Reporting may use of the two modules it builds on: recording a report and linking it, and sending a referral.
        ["Intelligence"] =
        [
            "Vigil.Web.Intelligence.IntelligenceReports", "Vigil.Web.Intelligence.RecordReport", "Vigil.Web.Intelligence.ReportDto",
            "Vigil.Web.Intelligence.NamedEntity", "Vigil.Web.Intelligence.EntityKind", "Vigil.Web.Intelligence.LinkInvestigation", "Vigil.Web.Intelligence.Grading",
        ],
        // What Prepare may use of Protect: the register's list of sites, to choose where military support is deployed.
        ["Protect"] = ["Vigil.Web.Protect.SiteRegister", "Vigil.Web.Protect.SiteSummary", "Vigil.Web.Protect.MartynsLawTier"],
        ["Prevent"] = ["Vigil.Web.Prevent.Referrals", "Vigil.Web.Prevent.ReferralRequest", "Vigil.Web.Prevent.ReferrerSector", "Vigil.Web.Prevent.SubmissionReceipt"],
    };

    [Fact]
    public void Modules_UseOnlyWhatOtherModulesPublish()
    {
        var offences = References().Where(r => r.From != "Platform" && r.From != r.To && Published.TryGetValue(r.To, out var allowed) && !allowed.Contains(r.ToType))
            .Select(r => $"{r.ToType} ({r.To}) used by {r.From}").Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(offences.Count == 0, string.Join("\n", offences));
    }

    // Names a Pursue type in its body only (not in its signature): the canary the scanner must find.
    private static object Canary() => new Vigil.Web.Pursue.PhaseEvidence(false, false);

    [Fact]
    public void BodyScan_FindsATypeNamedOnlyInAMethodBody()
    {
        var canary = typeof(ModuleBoundaryTests).GetMethod(nameof(Canary), BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.Equal(typeof(object), canary.ReturnType);
        Assert.Contains(typeof(Vigil.Web.Pursue.PhaseEvidence), BodyReferences(canary));
    }

    [Fact]
    public void BodyScan_UnknownOpcode_FailsTheScan()
    {
        // 0xA6 is not an opcode: a scanner that skipped it would silently stop reading the rest of the body.
        var module = typeof(ModuleBoundaryTests).Module;
        Assert.Throws<InvalidOperationException>(() => TypesNamedIn([0x00, 0xA6, 0x2A], module, null, null).ToList());
        Assert.Empty(TypesNamedIn([0x00, 0x2A], module, null, null)); // nop, ret: read to the end, nothing named
    }

    [Fact]
    public void ReferenceScan_FindsKnownUse()
    {
        // Guards the scanner itself: the Subjects module does use Platform (the access policy).
        Assert.Contains(References(), r => r.From == "Subjects" && r.To == "Platform");
        Assert.Contains(References(), r => r.From == "Network" && r.To == "Platform");
    }

    private sealed record Reference(string From, string To, string FromType, string ToType)
    {
        public override string ToString() => $"{FromType} ({From}) uses {ToType} ({To})";
    }

    private static readonly Lazy<List<Reference>> Cache = new(Scan);

    private static List<Reference> References() => Cache.Value;

    private static string? ModuleOf(Type? type)
    {
        while (type is { IsNested: true })
        {
            type = type.DeclaringType;
        }
        var ns = type?.Namespace;
        if (ns is null || !ns.StartsWith(Root, StringComparison.Ordinal))
        {
            return type?.Name == "Program" && type.Assembly == typeof(Program).Assembly ? "Program" : null;
        }
        return ns[Root.Length..].Split('.')[0];
    }

    private static List<Reference> Scan()
    {
        var assembly = typeof(Program).Assembly;
        var found = new List<Reference>();
        foreach (var type in assembly.GetTypes())
        {
            var from = ModuleOf(type);
            if (from is null or "Program")
            {
                continue; // Program is the composition root: it wires every module.
            }
            void Note(Type? used)
            {
                foreach (var t in Expand(used))
                {
                    if (ModuleOf(t) is { } to && to != "Program")
                    {
                        found.Add(new Reference(from, to, type.FullName!, t.FullName ?? t.Name));
                    }
                }
            }
            Note(type.BaseType);
            foreach (var i in type.GetInterfaces())
            {
                Note(i);
            }
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var field in type.GetFields(all))
            {
                Note(field.FieldType);
            }
            foreach (var property in type.GetProperties(all))
            {
                Note(property.PropertyType);
            }
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (method is MethodInfo info)
                {
                    Note(info.ReturnType);
                }
                foreach (var parameter in method.GetParameters())
                {
                    Note(parameter.ParameterType);
                }
                foreach (var used in BodyReferences(method))
                {
                    Note(used);
                }
            }
        }
        return found;
    }

    private static IEnumerable<Type> Expand(Type? type)
    {
        if (type is null)
        {
            yield break;
        }
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType()))
            {
                yield return t;
            }
            yield break;
        }
        yield return type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                foreach (var t in Expand(argument))
                {
                    yield return t;
                }
            }
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>The types a method body names: calls, fields, allocations, casts, tokens.</summary>
    private static IEnumerable<Type> BodyReferences(MethodBase method)
    {
        byte[]? il;
        try
        {
            il = method.GetMethodBody()?.GetILAsByteArray();
        }
        catch (InvalidOperationException)
        {
            yield break;
        }
        if (il is null)
        {
            yield break;
        }
        Type[]? typeArgs = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        Type[]? methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (var type in TypesNamedIn(il, method.Module, typeArgs, methodArgs))
        {
            yield return type;
        }
    }

    /// <summary>Reads a method body's IL to the end. An opcode it does not know fails the scan rather than
    /// ending it early, which would hide whatever the rest of the body names.</summary>
    private static IEnumerable<Type> TypesNamedIn(byte[] il, Module module, Type[]? typeArgs, Type[]? methodArgs)
    {
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[position++]);
            }
            if (!OpCodesByValue.TryGetValue(value, out var opcode))
            {
                throw new InvalidOperationException($"Unknown opcode 0x{value:X} at {position} of a method body in {module.Name}");
            }
            switch (opcode.OperandType)
            {
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                case OperandType.InlineType:
                case OperandType.InlineTok:
                    {
                        var token = BitConverter.ToInt32(il, position);
                        position += 4;
                        MemberInfo? member = null;
                        try
                        {
                            member = module.ResolveMember(token, typeArgs, methodArgs);
                        }
                        catch (ArgumentException)
                        {
                        }
                        catch (TypeLoadException)
                        {
                        }
                        switch (member)
                        {
                            case Type t:
                                yield return t;
                                break;
                            case MethodBase m:
                                if (m.DeclaringType is { } d)
                                {
                                    yield return d;
                                }
                                if (m is MethodInfo mi && mi.IsGenericMethod)
                                {
                                    foreach (var g in mi.GetGenericArguments())
                                    {
                                        yield return g;
                                    }
                                }
                                break;
                            case FieldInfo f:
                                if (f.DeclaringType is { } fd)
                                {
                                    yield return fd;
                                }
                                yield return f.FieldType;
                                break;
                        }
                        break;
                    }
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, position);
                    position += 4 + (4 * count);
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    position += 1;
                    break;
                case OperandType.InlineVar:
                    position += 2;
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    position += 8;
                    break;
                default:
                    position += 4;
                    break;
            }
        }
    }
}
