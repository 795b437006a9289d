using System.Diagnostics;

namespace NnLab.Registry;

/// <summary>
/// Says which component an exception came from, and how: the component's kind and name, its source (the plugin
/// folder and assembly, or built-in) and the exception's type, found from the stack frames of the exception (the
/// innermost frame in a registered component's code names it). A missing dependency names the assembly missing.
/// </summary>
public static class ComponentFailure
{
    /// <summary>"cost 'flaky' (plugin plugins/x (X 1.0.0.0)) threw InvalidOperationException: message", or the exception alone when no component's code is on its stack.</summary>
    public static string Describe(Exception e, ComponentRegistry? registry)
    {
        if (e is ComponentException) return e.Message;
        if (registry is not null && MissingDependency(e, registry) is var (file, needing) && needing is not null)
            return $"{needing.Source} needs {file}, which could not be loaded ({e.GetType().Name}: put it in the plugin's folder and its .deps.json)";
        var component = registry is null ? null : Find(e, registry);
        return component is null ? Describe(e) : $"{component} threw {Describe(e)}";
    }

    /// <summary>The exception's type and message; for a missing assembly, which one.</summary>
    public static string Describe(Exception e) => e switch
    {
        FileNotFoundException { FileName: { } missing } => $"{e.GetType().Name}: a dependency is missing: {missing} (it is not in the plugin's folder, or not in its .deps.json)",
        FileLoadException { FileName: { } bad } => $"{e.GetType().Name}: a dependency could not be loaded: {bad}: {e.Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    /// <summary>
    /// A missing dependency surfaces in the caller of the code that needs it (the runtime cannot compile that code),
    /// which may be a built-in layer: the plugin to blame is the one whose assembly references the missing one.
    /// </summary>
    private static (string File, ComponentDescriptor? Needing)? MissingDependency(Exception e, ComponentRegistry registry)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            string? file = (current as FileNotFoundException)?.FileName ?? (current as FileLoadException)?.FileName;
            if (file is null) continue;
            string missing = file.Split(',')[0].Trim();
            return (file, registry.All.FirstOrDefault(d => d.Source != ComponentRegistry.BuiltInSource
                && d.Implementation.Assembly.GetReferencedAssemblies().Any(r => string.Equals(r.Name, missing, StringComparison.OrdinalIgnoreCase))));
        }
        return null;
    }

    private static ComponentDescriptor? Find(Exception e, ComponentRegistry registry)
    {

        for (var current = e; current is not null; current = current.InnerException)
        {
            foreach (var frame in new StackTrace(current, fNeedFileInfo: false).GetFrames())
            {
                var type = frame.GetMethod()?.DeclaringType;
                while (type is not null)
                {
                    var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
                    var found = registry.All.FirstOrDefault(d => d.Implementation == definition || d.Implementation == type);
                    if (found is not null) return found;
                    type = type.DeclaringType; // a lambda or iterator's compiler-made class sits inside the component's
                }
            }
        }
        return null;
    }
}
