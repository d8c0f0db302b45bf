using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OrganisationsAndLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Organisation",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Classification = table.Column<int>(type: "INTEGER", nullable: false),
                    OfficialSensitive = table.Column<bool>(type: "INTEGER", nullable: false),
                    OwningUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Organisation", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Organisation_Unit_OwningUnitId",
                        column: x => x.OwningUnitId,
                        principalTable: "Unit",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SubjectLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ToSubjectId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ToOrganisationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SubjectId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectLinks_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganisationGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    GroupId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganisationGroups_Organisation_RecordId",
                        column: x => x.RecordId,
                        principalTable: "Organisation",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_Name",
                table: "Organisation",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Organisation_OwningUnitId",
                table: "Organisation",
                column: "OwningUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationGroups_RecordId_GroupId",
                table: "OrganisationGroups",
                columns: new[] { "RecordId", "GroupId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubjectLinks_SubjectId",
                table: "SubjectLinks",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectLinks_ToOrganisationId",
                table: "SubjectLinks",
                column: "ToOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectLinks_ToSubjectId",
                table: "SubjectLinks",
                column: "ToSubjectId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OrganisationGroups");

            migrationBuilder.DropTable(
                name: "SubjectLinks");

            migrationBuilder.DropTable(
                name: "Organisation");
        }
    }
}
