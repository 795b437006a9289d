using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace NnLab.Experiments.Loading;

/// <summary>One settable property of an options class, as the YAML sees it.</summary>
/// <remarks>
/// Values are read and written by reflection for the property's first <see cref="ReflectedUses"/> uses, then through
/// typed delegates made once. nnlab runs with dynamic code off (see NnLab.Cli.csproj), so reflection interprets every
/// call: a sweep that loads each of its trials pays that for every option of every trial (a fifth of a 10,000-trial XOR
/// sweep's CPU). A typed delegate over a value type is JIT-compiled on first use instead, which a single run, binding
/// each option once, would pay for nothing.
/// </remarks>
internal sealed class OptionProperty
{
    /// <summary>Uses of a property by reflection before its typed accessor is made.</summary>
    internal const int ReflectedUses = 8;

    private int _uses;
    private Accessor? _accessor;

    public OptionProperty(PropertyInfo property)
    {
        Property = property;
        Key = SnakeCase.From(property.Name);
        var attributes = property.GetCustomAttributes<ValidationAttribute>(inherit: true).ToList();
        IsRequired = attributes.OfType<RequiredAttribute>().Any();
        Range = attributes.OfType<RangeAttribute>().FirstOrDefault();
        OtherValidations = attributes.Where(a => a is not RequiredAttribute and not RangeAttribute).ToList();
    }

    public PropertyInfo Property { get; }

    /// <summary>The YAML key: snake_case of the property name.</summary>
    public string Key { get; }

    public Type Type => Property.PropertyType;
    public bool IsRequired { get; }
    public RangeAttribute? Range { get; }

    /// <summary>Any further DataAnnotations a plugin author put on the property; checked with their own messages.</summary>
    public IReadOnlyList<ValidationAttribute> OtherValidations { get; }

    /// <summary>Whether this property is now read and written through its typed accessor.</summary>
    internal bool IsCompiled => _accessor is not null;

    public object? GetValue(object options) => Typed() is { } accessor ? accessor.Get(options) : Property.GetValue(options);

    /// <summary>Sets the value; a setter that throws is reported as <see cref="TargetInvocationException"/>, as reflection does.</summary>
    public void SetValue(object options, object? value)
    {
        if (Typed() is not { } accessor || !accessor.TrySet(options, value)) Property.SetValue(options, value);
    }

    private Accessor? Typed()
    {
        if (_accessor is { } made) return made;
        // Options held in a struct would be set on a copy; reflection sets the boxed one.
        if (Property.DeclaringType is not { IsValueType: false } owner || Interlocked.Increment(ref _uses) <= ReflectedUses) return null;
        // Two threads may both make it: either one serves.
        return _accessor = (Accessor)Activator.CreateInstance(typeof(Accessor<,>).MakeGenericType(owner, Property.PropertyType), Property)!;
    }

    private abstract class Accessor
    {
        public abstract object? Get(object options);

        /// <summary>False when <paramref name="value"/> is not of the property's exact type (reflection widens an int for a long).</summary>
        public abstract bool TrySet(object options, object? value);
    }

    private sealed class Accessor<TOwner, TValue>(PropertyInfo property) : Accessor where TOwner : class
    {
        private readonly Func<TOwner, TValue> _get = property.GetMethod!.CreateDelegate<Func<TOwner, TValue>>();
        private readonly Action<TOwner, TValue> _set = property.SetMethod!.CreateDelegate<Action<TOwner, TValue>>();

        public override object? Get(object options) => _get((TOwner)options);

        public override bool TrySet(object options, object? value)
        {
            if (value is not TValue typed) return false;
            try
            {
                _set((TOwner)options, typed);
            }
            catch (Exception e)
            {
                throw new TargetInvocationException(e);
            }
            return true;
        }
    }
}
