global using System.Net;
global using Microsoft.Playwright;
global using Vigil.Browser.Tests.Infrastructure;
global using Vigil.Browser.Tests.Pages;
global using Xunit;

// One app process and one browser for the whole suite; each test gets its own browser context.
[assembly: AssemblyFixture(typeof(BrowserFixture))]
