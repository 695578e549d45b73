package org.hostr.payments;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/** A QR code as inline SVG, drawn on the server so the pay page needs no QR library. */
public final class QrSvg {
    private static final int QUIET_ZONE = 4;

    private QrSvg() {
    }

    /**
     * The QR code of {@code text} as an {@code <svg>} element, one rect per run of dark modules. Pass BOLT11 as
     * "LIGHTNING:" + upper case: QR's alphanumeric mode holds upper case only, so the code gets smaller and easier to scan.
     */
    public static String of(String text, String label) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot draw a QR code of " + text.length() + " characters", e);
        }
        int size = matrix.getWidth() + 2 * QUIET_ZONE;
        StringBuilder svg = new StringBuilder(matrix.getWidth() * matrix.getHeight() / 2)
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" aria-label=\"")
                .append(escape(label)).append("\" viewBox=\"0 0 ").append(size).append(' ').append(size)
                .append("\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"");
        for (int y = 0; y < matrix.getHeight(); y++) {
            int x = 0;
            while (x < matrix.getWidth()) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < matrix.getWidth() && matrix.get(x, y)) {
                    x++;
                }
                svg.append('M').append(start + QUIET_ZONE).append(' ').append(y + QUIET_ZONE)
                        .append('h').append(x - start).append("v1h-").append(x - start).append('z');
            }
        }
        return svg.append("\"/></svg>").toString();
    }

    /** The QR payload for a BOLT11: "LIGHTNING:" + the invoice, upper case (BOLT11 is case-insensitive). */
    public static String forBolt11(String bolt11) {
        return of("LIGHTNING:" + bolt11.toUpperCase(java.util.Locale.ROOT), "QR code of the Lightning invoice");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
