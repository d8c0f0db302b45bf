using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    Terms = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Href = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    AccessRecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccessLabelId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LabelWord = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
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

            // Hand-written: the full-text index over the entries (FTS5, external content, kept by triggers).
            // The label word has a column of its own, which no query on a record's text reaches.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE SearchText USING fts5(Title, Body, Terms, LabelWord,
                    content='SearchEntries', content_rowid='Id', tokenize='porter unicode61 remove_diacritics 2');
                CREATE TRIGGER SearchEntries_Inserted AFTER INSERT ON SearchEntries BEGIN
                    INSERT INTO SearchText(rowid, Title, Body, Terms, LabelWord) VALUES (new.Id, new.Title, new.Body, new.Terms, new.LabelWord);
                END;
                CREATE TRIGGER SearchEntries_Deleted AFTER DELETE ON SearchEntries BEGIN
                    INSERT INTO SearchText(SearchText, rowid, Title, Body, Terms, LabelWord) VALUES ('delete', old.Id, old.Title, old.Body, old.Terms, old.LabelWord);
                END;
                CREATE TRIGGER SearchEntries_Updated AFTER UPDATE ON SearchEntries BEGIN
                    INSERT INTO SearchText(SearchText, rowid, Title, Body, Terms, LabelWord) VALUES ('delete', old.Id, old.Title, old.Body, old.Terms, old.LabelWord);
                    INSERT INTO SearchText(rowid, Title, Body, Terms, LabelWord) VALUES (new.Id, new.Title, new.Body, new.Terms, new.LabelWord);
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Hand-written: the full-text index and its triggers.
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS SearchEntries_Inserted;
                DROP TRIGGER IF EXISTS SearchEntries_Deleted;
                DROP TRIGGER IF EXISTS SearchEntries_Updated;
                DROP TABLE IF EXISTS SearchText;
                """);

            migrationBuilder.DropTable(
                name: "SearchEntries");
        }
    }
}
