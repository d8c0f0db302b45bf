using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Vigil.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SubjectDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DateOfBirthAccuracy",
                table: "Subject",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Gender",
                table: "Subject",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoId",
                table: "Subject",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TierId",
                table: "Subject",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "TierOwnerId",
                table: "Subject",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TierReviewDue",
                table: "Subject",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SubjectAddresses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Postcode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: true),
                    To = table.Column<DateOnly>(type: "date", nullable: true),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectAddresses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectAddresses_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectContacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Value = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Platform = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectContacts_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectIdentifiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Value = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IssuingCountry = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectIdentifiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectIdentifiers_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectNames",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    GivenName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Surname = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectNames", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectNames_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectNationalities",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Country = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectNationalities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectNationalities_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectTier",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ReviewIntervalDays = table.Column<int>(type: "integer", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectTier", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SubjectVehicles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Registration = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectVehicles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectVehicles_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SubjectWarningMarkers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AddedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FromSubjectId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubjectWarningMarkers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SubjectWarningMarkers_Subject_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Subject",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Subject_MergedIntoId",
                table: "Subject",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Subject_TierId",
                table: "Subject",
                column: "TierId");

            migrationBuilder.CreateIndex(
                name: "IX_Subject_TierOwnerId",
                table: "Subject",
                column: "TierOwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Subject_TierReviewDue",
                table: "Subject",
                column: "TierReviewDue");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectAddresses_Postcode",
                table: "SubjectAddresses",
                column: "Postcode");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectAddresses_SubjectId",
                table: "SubjectAddresses",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectContacts_SubjectId",
                table: "SubjectContacts",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectContacts_Value",
                table: "SubjectContacts",
                column: "Value");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectIdentifiers_SubjectId",
                table: "SubjectIdentifiers",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectIdentifiers_Value",
                table: "SubjectIdentifiers",
                column: "Value");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectNames_SubjectId",
                table: "SubjectNames",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectNationalities_SubjectId",
                table: "SubjectNationalities",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectTier_Code",
                table: "SubjectTier",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SubjectVehicles_Registration",
                table: "SubjectVehicles",
                column: "Registration");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectVehicles_SubjectId",
                table: "SubjectVehicles",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_SubjectWarningMarkers_SubjectId",
                table: "SubjectWarningMarkers",
                column: "SubjectId");

            migrationBuilder.AddForeignKey(
                name: "FK_Subject_AspNetUsers_TierOwnerId",
                table: "Subject",
                column: "TierOwnerId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Subject_SubjectTier_TierId",
                table: "Subject",
                column: "TierId",
                principalTable: "SubjectTier",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Subject_Subject_MergedIntoId",
                table: "Subject",
                column: "MergedIntoId",
                principalTable: "Subject",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Subject_AspNetUsers_TierOwnerId",
                table: "Subject");

            migrationBuilder.DropForeignKey(
                name: "FK_Subject_SubjectTier_TierId",
                table: "Subject");

            migrationBuilder.DropForeignKey(
                name: "FK_Subject_Subject_MergedIntoId",
                table: "Subject");

            migrationBuilder.DropTable(
                name: "SubjectAddresses");

            migrationBuilder.DropTable(
                name: "SubjectContacts");

            migrationBuilder.DropTable(
                name: "SubjectIdentifiers");

            migrationBuilder.DropTable(
                name: "SubjectNames");

            migrationBuilder.DropTable(
                name: "SubjectNationalities");

            migrationBuilder.DropTable(
                name: "SubjectTier");

            migrationBuilder.DropTable(
                name: "SubjectVehicles");

            migrationBuilder.DropTable(
                name: "SubjectWarningMarkers");

            migrationBuilder.DropIndex(
                name: "IX_Subject_MergedIntoId",
                table: "Subject");

            migrationBuilder.DropIndex(
                name: "IX_Subject_TierId",
                table: "Subject");

            migrationBuilder.DropIndex(
                name: "IX_Subject_TierOwnerId",
                table: "Subject");

            migrationBuilder.DropIndex(
                name: "IX_Subject_TierReviewDue",
                table: "Subject");

            migrationBuilder.DropColumn(
                name: "DateOfBirthAccuracy",
                table: "Subject");

            migrationBuilder.DropColumn(
                name: "Gender",
                table: "Subject");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Subject");

            migrationBuilder.DropColumn(
                name: "TierId",
                table: "Subject");

            migrationBuilder.DropColumn(
                name: "TierOwnerId",
                table: "Subject");

            migrationBuilder.DropColumn(
                name: "TierReviewDue",
                table: "Subject");
        }
    }
}
