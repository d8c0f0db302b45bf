using Microsoft.EntityFrameworkCore;

namespace Vigil.Web.Platform.Data;

/// <summary>What a failed save was, on either provider. Only these are answered as conflicts; any other
/// failure (an audit store that refuses a write, say) still fails closed.</summary>
public static class DbErrors
{
    /// <summary>Another writer took the same unique key first (two actions numbered at once).</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException s => Constraint(s, 2067, "UNIQUE"), // SQLITE_CONSTRAINT_UNIQUE
        Npgsql.PostgresException p => p.SqlState == "23505",
        _ => false,
    };

    /// <summary>Another record still points at the one being deleted.</summary>
    public static bool IsForeignKeyViolation(DbUpdateException e) => e.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException s => Constraint(s, 787, "FOREIGN KEY"), // SQLITE_CONSTRAINT_FOREIGNKEY
        Npgsql.PostgresException p => p.SqlState == "23503",
        _ => false,
    };

    // SQLite reports the extended code only when extended result codes are on; otherwise the primary
    // code (19, a constraint) and its message say which constraint it was.
    private static bool Constraint(Microsoft.Data.Sqlite.SqliteException s, int extended, string kind) =>
        s.SqliteExtendedErrorCode == extended || (s.SqliteErrorCode == 19 && s.Message.Contains($"{kind} constraint failed", StringComparison.Ordinal));
}
