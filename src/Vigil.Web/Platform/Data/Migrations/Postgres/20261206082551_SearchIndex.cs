using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SearchEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecordType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Terms = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Href = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: true),
                    Grade = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    AccessRecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "uuid", nullable: false),
                    LabelWord = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchEntries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_AccessRecordId",
                table: "SearchEntries",
                column: "AccessRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_RecordId_RecordType",
                table: "SearchEntries",
                columns: new[] { "RecordId", "RecordType" },
                unique: true);

            // Hand-written: the full-text document, generated from the entry (title and identifiers weight A, text
            // weight B, the label word weight D, which no text has: the access part of a query asks for label:D).
            migrationBuilder.Sql("""
                ALTER TABLE "SearchEntries" ADD COLUMN "Document" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('english', "Title"), 'A')
                    || setweight(to_tsvector('simple', "Terms"), 'A')
                    || setweight(to_tsvector('english', "Body"), 'B')
                    || setweight(to_tsvector('simple', "LabelWord"), 'D')) STORED;
                CREATE INDEX "IX_SearchEntries_Document" ON "SearchEntries" USING gin ("Document");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SearchEntries");
        }
    }
}
