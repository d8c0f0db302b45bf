global using CsCheck;
global using Vigil.Matching;
global using Vigil.Matching.Engine;
global using Vigil.Matching.Io;
global using Vigil.Matching.Text;
global using Xunit;
