namespace NnLab.Tests;

public class MatrixTests
{
    [Fact]
    public void Elements_are_stored_row_major()
    {
        var m = Matrix.FromRows([1, 2, 3], [4, 5, 6]);
        Assert.Equal((2, 3), (m.Rows, m.Cols));
        Assert.Equal([1.0, 2, 3, 4, 5, 6], m.Data);
        Assert.Equal(6, m[1, 2]);
        Assert.Equal([4.0, 5, 6], m.Row(1).ToArray());
    }

    [Fact]
    public void Ragged_rows_are_rejected_naming_the_row()
    {
        var e = Assert.Throws<ArgumentException>(() => Matrix.FromRows([1, 2], [3]));
        Assert.StartsWith("Row 1 has 1 values; row 0 has 2.", e.Message);
    }

    [Fact]
    public void Wrapping_checks_the_length()
    {
        var e = Assert.Throws<ArgumentException>(() => new Matrix<double>(2, 2, new double[3]));
        Assert.StartsWith("A 2×2 matrix needs 4 values, got 3.", e.Message);
    }

    [Fact]
    public void Clone_is_independent_and_CopyTo_checks_shape()
    {
        var m = Matrix.FromRows([1, 2]);
        var c = m.Clone();
        c[0, 0] = 9;
        Assert.Equal(1, m[0, 0]);
        Assert.Throws<ArgumentException>(() => m.CopyTo(new Matrix<double>(2, 1)));
        m.CopyTo(c);
        Assert.Equal([1.0, 2], c.Data);
    }

    [Fact]
    public void ComponentRef_converts_from_a_name()
    {
        ComponentRef r = "xavier";
        Assert.Equal(new ComponentRef("xavier", null), r);
    }
}
