// Compiled once while the Java image is built, with javac's classes recorded into a CDS archive
// (/usr/lib/verifier/javac.jsa): the classes javac loads for a program like this one then start mapped, not parsed.
// Shaped like a MultiPL-E Java problem (its imports, ArrayList<Long>, streams, lambdas, javatuples) so that the
// compiler paths a submission takes are the ones archived.
import java.util.*;
import java.lang.reflect.*;
import org.javatuples.*;
import java.security.*;
import java.math.*;
import java.io.*;
import java.util.stream.*;

class Problem {
    public static ArrayList<Long> sortArray(ArrayList<Long> arr) {
        return arr.stream().sorted((a, b) -> Long.compare(Long.bitCount(a), Long.bitCount(b)))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    public static Pair<Long, Long> evenOdd(long n) {
        long even = 0, odd = 0;
        for (char c : String.valueOf(Math.abs(n)).toCharArray()) {
            if ((c - '0') % 2 == 0) even++; else odd++;
        }
        return Pair.with(even, odd);
    }

    public static Optional<String> longest(ArrayList<String> strings) {
        return strings.stream().max(Comparator.comparingInt(String::length));
    }

    public static HashMap<String, Long> histogram(String text) {
        HashMap<String, Long> counts = new HashMap<>();
        for (String word : text.split(" ")) {
            if (!word.isEmpty()) counts.merge(word, 1L, Long::sum);
        }
        return counts;
    }

    public static String factorial(int n) {
        BigInteger result = BigInteger.ONE;
        for (int i = 2; i <= n; i++) result = result.multiply(BigInteger.valueOf(i));
        return String.format("%s", result);
    }

    public static void main(String[] args) {
        assert(sortArray((new ArrayList<Long>(Arrays.asList((long)1l, (long)5l, (long)2l)))).equals((new ArrayList<Long>(Arrays.asList((long)1l, (long)2l, (long)5l)))));
        assert(evenOdd((12l)).equals((Pair.with(1l, 1l))));
        assert(longest((new ArrayList<String>(Arrays.asList((String)"a", (String)"bb")))).equals(Optional.of("bb")));
        assert(histogram(("a b b")).equals((new HashMap<String,Long>(Map.of("a", 1l, "b", 2l)))));
        assert(factorial(5).equals("120"));
        Triplet<Integer, String, Double> t = Triplet.with(1, "x", 2.0);
        System.out.println(t + " " + Arrays.toString(new int[] {1, 2}) + " " + Math.max(1, 2));
    }
}
