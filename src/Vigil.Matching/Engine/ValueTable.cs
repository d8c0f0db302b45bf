namespace Vigil.Matching.Engine;

/// <summary>
/// The distinct values of one field across a population, with how often each occurs. Fields whose values
/// are nearly unique and not weighted by frequency (address, phone, email, identifiers) are not pooled:
/// a table entry per value would cost more memory than sharing saves.
/// </summary>
internal sealed class ValueTable(PersonField field)
{
    private readonly Dictionary<string, FieldValue> byKey = new(StringComparer.Ordinal);

    public PersonField Field { get; } = field;

    /// <summary>Whether equal values are pooled (and counted, for term frequencies).</summary>
    public bool Pooled { get; } = field is not (PersonField.Address or PersonField.Phone or PersonField.Email or PersonField.Identifier);

    /// <summary>Records holding any value of this field.</summary>
    public int NonNullCount { get; private set; }

    public int DistinctCount => byKey.Count;

    /// <summary>Sum over values of (holders squared): with <see cref="NonNullCount"/>, how concentrated the field's values are.</summary>
    public double SumOfSquaredCounts { get; private set; }

    /// <summary>The table's value for this key, adding it (made by <paramref name="create"/>) if new; counts one more holder.</summary>
    public FieldValue Add(string key, Func<FieldValue> create)
    {
        NonNullCount += Pooled ? 0 : 1;
        if (!Pooled)
        {
            return create();
        }

        if (!byKey.TryGetValue(key, out var value))
        {
            value = create();
            byKey[key] = value;
        }

        SumOfSquaredCounts += (2.0 * value.Count) + 1;
        value.Count++;
        NonNullCount++;
        return value;
    }

    /// <summary>Counts one holder fewer; forgets the value when nobody holds it.</summary>
    public void Release(FieldValue value)
    {
        if (!Pooled)
        {
            NonNullCount--;
            return;
        }

        SumOfSquaredCounts -= (2.0 * value.Count) - 1;
        value.Count--;
        NonNullCount--;
        if (value.Count <= 0 && byKey.TryGetValue(value.Key, out var stored) && ReferenceEquals(stored, value))
        {
            byKey.Remove(value.Key);
        }
    }

    public FieldValue? Find(string key) => Pooled ? byKey.GetValueOrDefault(key) : null;
}
