using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Vigil.Web.Platform.Security;

namespace Vigil.Web.Platform.Data;

// Used only by `dotnet ef migrations add`: one migrations set per provider, each on its own context type.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVigilDb>
{
    public SqliteVigilDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVigilDb>().UseSqlite("Data Source=design.db").Options, AccessContext.System(), TimeProvider.System, new RecordChangeHub(), new Audit.AuditGroupCommit(), new WriteGate());
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresVigilDb>
{
    public PostgresVigilDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresVigilDb>().UseNpgsql("Host=localhost;Database=vigil_design").Options, AccessContext.System(), TimeProvider.System, new RecordChangeHub(), new Audit.AuditGroupCommit(), new WriteGate());
}
