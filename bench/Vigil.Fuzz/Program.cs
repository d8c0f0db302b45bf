using SharpFuzz;
using Vigil.Fuzz;

// dotnet bench/Vigil.Fuzz/bin/.../Vigil.Fuzz.dll list
//                                             instrument ASSEMBLY.dll...      (in place, as SharpFuzz's tool does)
//                                             TARGET                          (under afl-fuzz: the fork server; else one input from stdin)
//                                             TARGET --replay FILE|FOLDER...  (each input once, in this process; exit 1 on the first crash)
// bench/Vigil.Fuzz/fuzz.sh builds, instruments, runs afl-fuzz per target and summarises.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: Vigil.Fuzz list | instrument DLL... | TARGET [--replay PATH...]");
    return 2;
}

if (args[0] == "list")
{
    foreach (var (name, target) in Targets.All)
    {
        Console.WriteLine($"{name,-14} {target.About}");
    }

    Console.WriteLine($"json's request types ({Targets.RequestTypes.Count}): {string.Join(", ", Targets.RequestTypes.Select(t => t.Name))}");

    return 0;
}

if (args[0] == "instrument")
{
    foreach (var dll in args.Skip(1))
    {
        // Everything in the assembly: the parsers reach helpers in other namespaces.
        Fuzzer.Instrument(dll, _ => true, Options.Value);
        Console.WriteLine($"instrumented {dll}");
    }

    return 0;
}

if (!Targets.All.TryGetValue(args[0], out var chosen))
{
    Console.Error.WriteLine($"unknown target '{args[0]}'; one of: {string.Join(", ", Targets.All.Keys)}");
    return 2;
}

if (args.Length > 1 && args[1] == "--replay")
{
    var files = args.Skip(2).SelectMany(p => Directory.Exists(p) ? Directory.GetFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();
    foreach (var file in files)
    {
        try
        {
            chosen.Run(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{file}: {e.GetType().FullName}: {e.Message}");
            Console.Error.WriteLine(e.StackTrace);
            return 1;
        }
    }

    Console.WriteLine($"{files.Count} inputs replayed on {args[0]}: no crash");
    return 0;
}

// A child process runs the inputs, so that a stack overflow or a hang is reported as such and the fork
// server goes on (restarting the child) instead of dying with it.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    chosen.Run(copy.ToArray());
});
return 0;
