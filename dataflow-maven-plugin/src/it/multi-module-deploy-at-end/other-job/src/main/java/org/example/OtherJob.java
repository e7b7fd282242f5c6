package org.example;

public class OtherJob {
    public static void main(String[] args) {
        System.out.println("job");
    }
}
